import { TAIWAN_STATEMENT_CHARACTERISTICS } from '../src/characteristics/taiwan-statements';
import { GERMAN_CREDIT_CHARACTERISTICS } from '../src/characteristics/german-credit';
import { statementSource } from '../src/characteristics/statement-columns';
import { parseTaiwanCsv, TAIWAN_REQUIRED_COLUMNS } from '../src/data/taiwan-csv';
import { trainScorecard } from '../src/train/train-scorecard';
import { syntheticRows, toTaiwanCsv } from './support/synthetic';

function modelFromCsv(csv: string) {
  const data = parseTaiwanCsv(csv);
  return trainScorecard(TAIWAN_STATEMENT_CHARACTERISTICS, statementSource(data.columns), data.labels, {
    seed: 5,
    trainedAt: '2025-01-01T00:00:00.000Z',
  });
}

describe('protected attributes (sex X2, marital status X4)', () => {
  const rows = syntheticRows(1500, 21);

  it('are not among the columns the loader reads', () => {
    expect(TAIWAN_REQUIRED_COLUMNS).not.toContain('X2');
    expect(TAIWAN_REQUIRED_COLUMNS).not.toContain('X4');
  });

  it('cannot change the model: scrambled, garbage or absent X2/X4 give the identical model', () => {
    const original = modelFromCsv(toTaiwanCsv(rows));
    const flipped = modelFromCsv(toTaiwanCsv(rows.map((r) => ({ ...r, sex: 3 - r.sex, marriage: ((r.marriage + 1) % 3) + 1 }))));
    const garbage = toTaiwanCsv(rows)
      .split('\n')
      .map((line, i) => {
        if (i === 0 || line === '') return line;
        const f = line.split(',');
        f[2] = 'not-a-number';
        f[4] = '';
        return f.join(',');
      })
      .join('\n');
    const dropped = toTaiwanCsv(rows)
      .split('\n')
      .map((line) => line.split(',').filter((_, k) => k !== 2 && k !== 4).join(','))
      .join('\n');
    for (const other of [flipped, modelFromCsv(garbage), modelFromCsv(dropped)]) {
      expect(other.modelId).toBe(original.modelId);
      expect(other.segments).toEqual(original.segments);
      expect(other.calibration).toEqual(original.calibration);
    }
  });

  it('appear in no characteristic of either definition set', () => {
    const words = /\b(sex|gender|marri|marital|personal_status)/i;
    for (const set of [TAIWAN_STATEMENT_CHARACTERISTICS, GERMAN_CREDIT_CHARACTERISTICS]) {
      for (const c of set.characteristics) {
        expect(`${c.code} ${c.description.en}`).not.toMatch(words);
        expect(c.description.zh).not.toMatch(/性别|婚姻/);
      }
    }
    expect(GERMAN_CREDIT_CHARACTERISTICS.characteristics.map((c) => c.code)).not.toContain('PERSONAL_STATUS_AND_SEX');
  });
});
