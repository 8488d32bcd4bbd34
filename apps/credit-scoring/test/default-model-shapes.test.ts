import { LATE_STATUS, loadModel, type RiskDirection } from '@jc/scorecard';
import { readFileSync } from 'node:fs';
import { defaultModelPath } from '../src/model/default-model';

const model = loadModel(readFileSync(defaultModelPath, 'utf8'));

/**
 * Whether points, in bin order, run the way the declared risk shape says (more risk, fewer points).
 * Ties are allowed: rounding to whole points can leave neighbouring bins level.
 */
const nonDecreasing = (xs: number[]) => xs.every((x, i) => i === 0 || x >= xs[i - 1]!);
const nonIncreasing = (xs: number[]) => xs.every((x, i) => i === 0 || x <= xs[i - 1]!);

function pointsFollow(points: number[], direction: RiskDirection, firstLateBin: number): boolean {
  const risk = points.map((p) => -p);
  const lowest = risk.indexOf(Math.min(...risk));
  const highest = risk.indexOf(Math.max(...risk));
  switch (direction) {
    case 'increasing':
      return nonDecreasing(risk);
    case 'decreasing':
      return nonIncreasing(risk);
    case 'valley':
      return nonIncreasing(risk.slice(0, lowest + 1)) && nonDecreasing(risk.slice(lowest));
    case 'peak':
      return nonDecreasing(risk.slice(0, highest + 1)) && nonIncreasing(risk.slice(highest));
    case 'status':
      return nonDecreasing(risk.slice(firstLateBin));
    case 'none':
      return true;
  }
}

describe('the default model', () => {
  const numeric = model.segments.flatMap((segment) =>
    segment.characteristics.flatMap((c) => (c.kind === 'numeric' ? [{ segment: segment.index, c }] : [])),
  );

  it.each(numeric.map(({ segment, c }) => [segment, c.code, c] as const))('segment %i, %s: points follow the declared shape', (_segment, _code, c) => {
    const points = c.bins.filter((b) => !b.missing).map((b) => b.points);
    const firstLateBin = c.edges.filter((e) => e <= LATE_STATUS).length;
    expect(pointsFollow(points, c.direction, firstLateBin)).toBe(true);
  });

  it('holds both delinquency statuses to the status shape, so a longer delinquency never earns more points', () => {
    const statuses = numeric.filter(({ c }) => c.code === 'DLQ_CUR' || c.code === 'DLQ_PREV');
    expect(statuses.length).toBeGreaterThan(0);
    for (const { c } of statuses) expect(c.direction).toBe('status');
  });
});
