import fc from 'fast-check';
import { broken, type FuzzedMutation } from './inputs';

const validOnboard = { region: '44', declaredAnnualIncome: '1000.00', birthYear: 1990, education: 'OTHER' };

/** Anything a Money field might accept (the scalar trims and allows a sign); such values are not certainly bad. */
const mayBeMoney = (v: unknown) => typeof v === 'string' && /^\s*[+-]?\d+(\.\d{0,2})?\s*$/.test(v);
const mayBeStatement = (s: Record<string, unknown>) =>
  typeof s.month === 'string' &&
  mayBeMoney(s.limit) &&
  mayBeMoney(s.balance) &&
  mayBeMoney(s.repaid) &&
  Number.isInteger(s.status) &&
  (s.status as number) >= -2 &&
  (s.status as number) <= 9;

const validStatement = { month: '2025-06-01', limit: '20000.00', balance: '5000.00', repaid: '5000.00', status: -1 };

export const creditScoringMutations: FuzzedMutation[] = [
  {
    name: 'onboardCustomer',
    query: 'mutation ($input: OnboardCustomerInput!) { onboardCustomer(input: $input) { id } }',
    inputs: broken(validOnboard).filter((i) => !(i.region === '44' && typeof i.declaredAnnualIncome === 'string' && /^\d+(\.\d{1,2})?$/.test(i.declaredAnnualIncome) && i.birthYear === 1990)),
  },
  {
    name: 'scoreCustomer',
    query: 'mutation ($input: ScoreCustomerInput!) { scoreCustomer(input: $input) { score } }',
    inputs: fc.oneof(
      // A bad customer id or statement list around a valid statement...
      broken({ customerId: 'OWN', statements: [validStatement] }).filter((i) => i.customerId !== 'OWN'),
      broken({ customerId: 'OWN', statements: [validStatement] }).filter((i) => i.customerId === 'OWN' && !Array.isArray(i.statements)),
      // ...and a real customer with one bad field inside a statement.
      broken(validStatement)
        .filter((s) => !mayBeStatement(s))
        .map((s) => ({ customerId: 'OWN', statements: [s] })),
    ),
  },
  {
    name: 'recordOutcome',
    query: 'mutation ($input: RecordOutcomeInput!) { recordOutcome(input: $input) { defaulted } }',
    // The template's instant is in the future, so even a mix that keeps it is refused.
    inputs: broken({ customerId: 'OWN', defaulted: true, observedAt: '2999-01-01T00:00:00Z' }).filter((i) => i.observedAt === '2999-01-01T00:00:00Z' || i.customerId !== 'OWN' || typeof i.defaulted !== 'boolean'),
  },
  {
    name: 'registerModel',
    query: 'mutation ($input: RegisterModelInput!) { registerModel(input: $input) { version } }',
    inputs: broken({ modelJson: '{"schema":"jc-scorecard","version":1}', regionalStandards: [{ region: '44', logOddsShift: 0 }] }),
  },
  {
    name: 'promoteModel',
    query: 'mutation ($input: PromoteModelInput!) { promoteModel(input: $input) { version } }',
    inputs: broken({ version: 'not-a-registered-version' }),
  },
  {
    name: 'replayCreditScoringEvent',
    query: 'mutation ($input: ReplayEventInput!) { replayCreditScoringEvent(input: $input) }',
    // A real consumer with a well-formed id would be NOT_FOUND, not a refusal: keep the consumer broken.
    inputs: broken({ consumer: 'credit-scoring.behaviour', eventId: 'evt-00000000' }).filter((i) => i.consumer !== 'credit-scoring.behaviour'),
  },
];
