import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { customersToColumns, InputError } from '../src/characteristics/statement-columns';
import { loadModel } from '../src/model/validate-model';
import { scoreBatch, scoreCustomer } from '../src/model/score';
import type { CustomerInput } from '../src/types';
import { syntheticRows } from './support/synthetic';
import { syntheticModel } from './support/trained-model';

const customers: CustomerInput[] = syntheticRows(400, 99).map((r) => ({
  age: r.age,
  education: r.education,
  statements: r.status.map((status, m) => ({ limit: r.limit, balance: r.balance[m] as number, repaid: r.repaid[m] as number, status })),
}));

describe('scoreCustomer', () => {
  const model = syntheticModel();

  it('returns an integer score, a probability, the characteristics and at most four reasons', () => {
    const result = scoreCustomer(model, customers[0] as CustomerInput);
    expect(Number.isInteger(result.score)).toBe(true);
    expect(result.pd).toBeGreaterThan(0);
    expect(result.pd).toBeLessThan(1);
    const segment = model.segments[result.segment.index];
    expect(result.characteristics.map((c) => c.code)).toEqual(segment?.characteristics.map((c) => c.code));
    expect(result.score).toBe((segment?.basePoints ?? 0) + result.characteristics.reduce((a, c) => a + c.points, 0));
    expect(result.reasons.length).toBeLessThanOrEqual(4);
    result.reasons.forEach((r, i) => {
      expect(r.shortfall).toBeGreaterThan(0);
      expect(r.description.en.length).toBeGreaterThan(0);
      expect(r.description.zh.length).toBeGreaterThan(0);
      if (i > 0) expect(r.shortfall).toBeLessThanOrEqual((result.reasons[i - 1] as { shortfall: number }).shortfall);
    });
  });

  it('gives landing in the riskier segment as a reason, under the segmenting characteristic', () => {
    expect(model.segmentation?.code).toBe('DLQ_CUR');
    const late = customers.find((c) => (c.statements[0]?.status ?? 0) >= 2) as CustomerInput;
    const result = scoreCustomer(model, late);
    expect(result.segment.index).toBe(1);
    const gap = Math.max(...model.segments.map((s) => s.basePoints)) - (model.segments[1]?.basePoints ?? 0);
    const reason = result.reasons.find((r) => r.code === 'DLQ_CUR');
    expect(reason?.shortfall).toBeGreaterThanOrEqual(gap);
    expect(reason?.description.zh).toBe('最近一期账单的逾期状态');
    expect(result.reasons.filter((r) => r.code === 'DLQ_CUR')).toHaveLength(1);
  });

  it('a riskier customer scores lower and has a higher PD', () => {
    const scored = customers.map((c) => scoreCustomer(model, c));
    const sorted = [...scored].sort((a, b) => a.score - b.score);
    expect((sorted[0] as { pd: number }).pd).toBeGreaterThanOrEqual((sorted[sorted.length - 1] as { pd: number }).pd);
  });

  it('gives the same scores on the batch path', () => {
    const batch = scoreBatch(model, customersToColumns(customers));
    customers.forEach((c, i) => {
      const single = scoreCustomer(model, c);
      expect(batch.score[i]).toBe(single.score);
      expect(batch.pd[i]).toBe(single.pd);
      expect(batch.segment[i]).toBe(single.segment.index);
    });
  });

  it('rejects malformed input with the field at fault', () => {
    const c = customers[0] as CustomerInput;
    expect(() => scoreCustomer(model, { ...c, statements: c.statements.slice(0, 5) })).toThrow(InputError);
    expect(() => scoreCustomer(model, { ...c, statements: c.statements.slice(0, 5) })).toThrow(/exactly 6 months/);
    const bad = { ...c, statements: c.statements.map((s, m) => (m === 2 ? { ...s, balance: Number.NaN } : s)) };
    expect(() => scoreCustomer(model, bad)).toThrow('statements[2].balance must be a finite number');
    expect(() => scoreCustomer(model, { ...c, age: -1 })).toThrow(/age/);
  });
});

describe('the committed default model', () => {
  const path = join(__dirname, '../../../apps/credit-scoring/models/default-model.json');
  const maybe = existsSync(path) ? it : it.skip;

  maybe('validates and scores', () => {
    const model = loadModel(readFileSync(path, 'utf8'));
    expect(model.characteristicSet).toBe('taiwan-statements-v1');
    expect(model.provenance.dataFile).toBe('taiwan-2005-train.csv');
    const result = scoreCustomer(model, customers[1] as CustomerInput);
    expect(Number.isInteger(result.score)).toBe(true);
  });
});
