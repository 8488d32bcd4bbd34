import { seededRandom } from '../../src/train/split';

export interface SyntheticRow {
  limit: number;
  sex: number;
  education: number;
  marriage: number;
  age: number;
  status: number[];
  balance: number[];
  repaid: number[];
  defaulted: number;
}

/**
 * Taiwan-shaped customers whose default risk rises with lateness and utilisation and falls
 * with repayment and limit, so a scorecard has something real to find. Sex and marriage are
 * drawn independently of everything else.
 */
export function syntheticRows(n: number, seed: number): SyntheticRow[] {
  const random = seededRandom(seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
  const rows: SyntheticRow[] = [];
  for (let i = 0; i < n; i++) {
    const limit = pick([20000, 50000, 80000, 120000, 200000, 300000, 500000]);
    const trouble = random();
    const status: number[] = [];
    const balance: number[] = [];
    const repaid: number[] = [];
    for (let m = 0; m < 6; m++) {
      const r = random();
      status.push(trouble > 0.8 && r < 0.6 ? pick([1, 2, 2, 3]) : r < 0.15 ? -2 : r < 0.35 ? -1 : 0);
      const util = Math.min(1.1, Math.max(0, trouble * 0.9 + (random() - 0.5) * 0.4));
      balance.push(status[m] === -2 ? 0 : Math.round(limit * util));
      repaid.push(Math.round(limit * (1 - trouble) * 0.05 * random()));
    }
    const age = 21 + Math.floor(random() * 45);
    const z = -2.2 + 1.1 * Math.max(status[0] as number, 0) + 1.5 * trouble - 0.000002 * limit + 0.01 * Math.abs(age - 38);
    rows.push({
      limit,
      sex: pick([1, 2]),
      education: pick([1, 2, 2, 3, 4, 0]),
      marriage: pick([1, 2, 3]),
      age,
      status,
      balance,
      repaid,
      defaulted: random() < 1 / (1 + Math.exp(-z)) ? 1 : 0,
    });
  }
  return rows;
}

export const TAIWAN_HEADER = ['ID', ...Array.from({ length: 23 }, (_, k) => `X${k + 1}`), 'Y'].join(',');

export function toTaiwanCsv(rows: SyntheticRow[]): string {
  const lines = rows.map((r, i) =>
    [i + 1, r.limit, r.sex, r.education, r.marriage, r.age, ...r.status, ...r.balance, ...r.repaid, r.defaulted].join(','),
  );
  return `${TAIWAN_HEADER}\n${lines.join('\n')}\n`;
}
