import { MarginalChains, Rng } from '../src';

function randomChains(rng: Rng, count: number): MarginalChains {
  const f = (g: () => number) => Float64Array.from({ length: count }, g);
  return new MarginalChains(
    f(() => (rng.next() < 0.1 ? -rng.uniform(0, 50) : rng.uniform(0, 200))),
    f(() => rng.uniform(-1, 2)),
    f(() => rng.uniform(0.001, 0.5)),
    f(() => (rng.next() < 0.1 ? 0 : rng.uniform(0, 20))),
  );
}

describe('MarginalChains', () => {
  const rng = new Rng(99);
  const chains = randomChains(rng, 400);

  test('countAbove agrees with counting m(j, k) > price one by one', () => {
    for (let j = 0; j < chains.length; j++) {
      const n = rng.int(0, 60);
      for (const price of [0, rng.uniform(0, 5), rng.uniform(0, 100), Math.max(0, chains.m(j, rng.int(1, 40)))]) {
        let expected = 0;
        for (let k = 1; k <= n; k++) if (chains.m(j, k) > price) expected++;
        expect(chains.countAbove(j, n, price)).toBe(expected);
      }
    }
  });

  test('splitTop takes the best cap steps of two chains, ties to the first chain', () => {
    for (let j = 0; j + 1 < chains.length; j += 2) {
      const na = rng.int(0, 30);
      const nb = rng.int(0, 30);
      const cap = rng.int(0, na + nb);
      const all = [
        ...Array.from({ length: na }, (_, k) => ({ chain: 0, k: k + 1, m: chains.m(j, k + 1) })),
        ...Array.from({ length: nb }, (_, k) => ({ chain: 1, k: k + 1, m: chains.m(j + 1, k + 1) })),
      ];
      // Only positive-gain chains are decreasing; the solver never splits others (their count is 0).
      if ((chains.gain[j] as number) <= 0 || (chains.gain[j + 1] as number) <= 0) continue;
      all.sort((x, y) => y.m - x.m || x.chain - y.chain || x.k - y.k);
      const expected = all.slice(0, cap).filter((s) => s.chain === 0).length;
      expect(chains.splitTop(j, j + 1, na, nb, cap)).toBe(expected);
    }
  });
});
