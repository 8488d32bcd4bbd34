/** mulberry32: a small, fast, seedable generator; reproducible splits are all it is used for. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(items: number[], random: () => number): number[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return out;
}

function byLabel(labels: ArrayLike<number>): [number[], number[]] {
  const zeros: number[] = [];
  const ones: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] ? ones : zeros).push(i);
  return [zeros, ones];
}

export interface Split {
  training: Int32Array;
  validation: Int32Array;
}

/** Holds out `share` of each class, chosen by the seed; row order inside each part is ascending. */
export function stratifiedSplit(labels: ArrayLike<number>, share: number, seed: number): Split {
  const random = seededRandom(seed);
  const training: number[] = [];
  const validation: number[] = [];
  for (const group of byLabel(labels)) {
    const order = shuffled(group, random);
    const cut = Math.round(order.length * share);
    validation.push(...order.slice(0, cut));
    training.push(...order.slice(cut));
  }
  return {
    training: Int32Array.from(training).sort(),
    validation: Int32Array.from(validation).sort(),
  };
}

/** k stratified folds; fold f's validation rows are the f-th of every k rows of each shuffled class. */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed: number): Split[] {
  const random = seededRandom(seed);
  const foldOf = new Int32Array(labels.length);
  for (const group of byLabel(labels)) shuffled(group, random).forEach((row, position) => (foldOf[row] = position % k));
  return Array.from({ length: k }, (_, f) => {
    const training: number[] = [];
    const validation: number[] = [];
    foldOf.forEach((fold, row) => (fold === f ? validation : training).push(row));
    return { training: Int32Array.from(training), validation: Int32Array.from(validation) };
  });
}
