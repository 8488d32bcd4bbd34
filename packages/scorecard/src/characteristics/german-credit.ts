import type { CharacteristicDef, CharacteristicSet, RiskDirection } from '../types';
import type { GermanRecord } from '../data/german-csv';

/**
 * The German credit columns as characteristics, used to check that the engine is not tuned
 * to the Taiwan table. personal_status_and_sex is protected and excluded; foreign_worker is
 * excluded as well because it stands in for national origin.
 */
const NUMERIC: Array<[string, RiskDirection, string, string]> = [
  ['duration_in_month', 'increasing', 'Loan duration (months)', '贷款期限（月）'],
  ['credit_amount', 'none', 'Credit amount', '贷款金额'],
  ['installment_rate_in_percentage_of_disposable_income', 'increasing', 'Instalment as % of disposable income', '月供占可支配收入比例'],
  ['present_residence_since', 'none', 'Years at present residence', '现居住地居住年限'],
  ['age_in_years', 'decreasing', 'Age (years)', '年龄'],
  ['number_of_existing_credits_at_this_bank', 'none', 'Existing credits at this bank', '本行现有贷款笔数'],
  ['number_of_people_being_liable_to_provide_maintenance_for', 'none', 'Dependants', '需抚养人数'],
];

const CATEGORICAL: Array<[string, string, string]> = [
  ['status_of_existing_checking_account', 'Checking account status', '支票账户状态'],
  ['credit_history', 'Credit history', '信用记录'],
  ['purpose', 'Loan purpose', '贷款用途'],
  ['savings_account_and_bonds', 'Savings and bonds', '储蓄与债券'],
  ['present_employment_since', 'Time in present employment', '现职工作年限'],
  ['other_debtors_or_guarantors', 'Other debtors or guarantors', '其他债务人或担保人'],
  ['property', 'Property', '财产'],
  ['other_installment_plans', 'Other instalment plans', '其他分期计划'],
  ['housing', 'Housing', '住房'],
  ['job', 'Job', '职业'],
  ['telephone', 'Telephone', '电话'],
];

function code(column: string): string {
  return column.toUpperCase();
}

export const GERMAN_CREDIT_CHARACTERISTICS: CharacteristicSet<GermanRecord> = {
  id: 'german-credit-v1',
  characteristics: [
    ...NUMERIC.map(
      ([column, direction, en, zh]): CharacteristicDef<GermanRecord> => ({
        code: code(column),
        kind: 'numeric',
        direction,
        description: { en, zh },
        value: (r) => Number(r[column]),
      }),
    ),
    ...CATEGORICAL.map(
      ([column, en, zh]): CharacteristicDef<GermanRecord> => ({
        code: code(column),
        kind: 'categorical',
        description: { en, zh },
        value: (r) => r[column] ?? '',
      }),
    ),
  ],
};
