import { KeyedLanes } from '../src/keyed-lanes';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('keeps each key in order, runs keys side by side, and never exceeds the limit', async () => {
  const lanes = new KeyedLanes(3);
  const log: string[] = [];
  let running = 0;
  let peak = 0;
  const task = (key: string, i: number, ms: number) => async () => {
    running += 1;
    peak = Math.max(peak, running);
    await tick(ms);
    log.push(`${key}${i}`);
    running -= 1;
  };
  // a's first task is slow: b and c finish before it, but a's second waits for it.
  await lanes.add('a', task('a', 1, 40));
  await lanes.add('a', task('a', 2, 1));
  await lanes.add('b', task('b', 1, 5));
  for (let i = 1; i <= 5; i += 1) await lanes.add(`k${i}`, task('k', i, 5));
  await lanes.drain();
  expect(log.indexOf('a1')).toBeLessThan(log.indexOf('a2'));
  expect(log.indexOf('b1')).toBeLessThan(log.indexOf('a1'));
  expect(peak).toBeLessThanOrEqual(3);
  expect(log).toHaveLength(8);
});
