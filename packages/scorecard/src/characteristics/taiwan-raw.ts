import type { CharacteristicDef, CharacteristicSet } from '../types';
import { MONTHS, type StatementRow } from './statement-columns';

type Row = StatementRow;
const months = Array.from({ length: MONTHS }, (_, m) => m);

/**
 * The Taiwan file's own columns, one characteristic each (X2 and X4 excluded): the plain
 * baseline that benchmarks set the engineered statement characteristics beside.
 */
export const TAIWAN_RAW_CHARACTERISTICS: CharacteristicSet<Row> = {
  id: 'taiwan-raw-columns-v1',
  characteristics: [
    { code: 'X1', kind: 'numeric', direction: 'none', description: { en: 'Credit limit', zh: '授信额度' }, value: (r) => r.limit(0) },
    { code: 'X3', kind: 'categorical', description: { en: 'Education', zh: '教育程度' }, value: (r) => String(r.education()) },
    { code: 'X5', kind: 'numeric', direction: 'none', description: { en: 'Age', zh: '年龄' }, value: (r) => r.age() },
    ...months.map(
      (m): CharacteristicDef<Row> => ({
        code: `X${6 + m}`,
        kind: 'numeric',
        direction: 'none',
        description: { en: `Status ${m} months ago`, zh: `${m}个月前还款状态` },
        value: (r) => r.status(m),
      }),
    ),
    ...months.map(
      (m): CharacteristicDef<Row> => ({
        code: `X${12 + m}`,
        kind: 'numeric',
        direction: 'none',
        description: { en: `Balance ${m} months ago`, zh: `${m}个月前账单金额` },
        value: (r) => r.balance(m),
      }),
    ),
    ...months.map(
      (m): CharacteristicDef<Row> => ({
        code: `X${18 + m}`,
        kind: 'numeric',
        direction: 'none',
        description: { en: `Repaid ${m} months ago`, zh: `${m}个月前还款金额` },
        value: (r) => r.repaid(m),
      }),
    ),
  ],
};
