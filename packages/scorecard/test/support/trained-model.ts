import { statementSource } from '../../src/characteristics/statement-columns';
import { TAIWAN_STATEMENT_CHARACTERISTICS } from '../../src/characteristics/taiwan-statements';
import { parseTaiwanCsv } from '../../src/data/taiwan-csv';
import type { ScorecardModel } from '../../src/model/model-schema';
import { trainScorecard } from '../../src/train/train-scorecard';
import { syntheticRows, toTaiwanCsv } from './synthetic';

let cached: ScorecardModel | undefined;

/** A model trained once per test file on 4,000 synthetic customers. */
export function syntheticModel(): ScorecardModel {
  if (!cached) {
    const data = parseTaiwanCsv(toTaiwanCsv(syntheticRows(4000, 11)));
    cached = trainScorecard(TAIWAN_STATEMENT_CHARACTERISTICS, statementSource(data.columns), data.labels, {
      seed: 3,
      dataFile: 'synthetic.csv',
      dataSha256: 'a'.repeat(64),
      trainedAt: '2025-01-01T00:00:00.000Z',
    });
  }
  return cached;
}

export function copyOf<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
