import { fixedClock, yuan } from '@jc/domain';
import { testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { decide, DEFAULT_POLICY, policyProblems, tierOf, type CurrentLine, type RiskSnapshotRecord } from '../src/model/policy';
import { useLimitSubgraph } from './support/subgraph';

const snap = (patch: Partial<RiskSnapshotRecord> = {}): RiskSnapshotRecord => ({
  customerId: 'c_0000000000000001',
  score: 650,
  pd: 0.03,
  grade: 'B',
  lifecycleStage: 'ACTIVE',
  region: '44',
  declaredIncome: yuan(200_000),
  behaviourValue: yuan(20_000),
  onTimeRepaymentMonths: 12,
  overdue: false,
  asOf: new Date('2026-11-29T00:00:00Z'),
  ...patch,
});
const line = (patch: Partial<CurrentLine> = {}): CurrentLine => ({
  jointLimit: yuan(50_000),
  cashLoanLimit: yuan(40_000),
  payLaterLimit: yuan(20_000),
  cashLoanApr: 0.18,
  payLaterApr: 0.15,
  tier: 'STANDARD',
  cashLoanDrawsFrozen: false,
  cashLoanDrawn: 0,
  payLaterDrawn: 0,
  ...patch,
});

describe('the default policy (domain)', () => {
  it('is a valid document; a document loosening the hard rules is not', () => {
    expect(policyProblems(DEFAULT_POLICY)).toEqual([]);
    const loose = { ...DEFAULT_POLICY, personCap: yuan(200_000) + 1, aprCap: 0.3, extra: 1 };
    expect(policyProblems(loose).map((p) => p.path)).toEqual(['document.personCap', 'document.aprCap', 'document.extra']);
  });

  it('assigns tiers from grade, overdue and behaviour value, whatever scale the score is on', () => {
    expect(tierOf(DEFAULT_POLICY, snap())).toBe('STANDARD');
    expect(tierOf(DEFAULT_POLICY, snap({ grade: 'C', score: 530 }))).toBe('STANDARD');
    expect(tierOf(DEFAULT_POLICY, snap({ grade: 'A', score: 560, behaviourValue: yuan(60_000) }))).toBe('HIGH_VALUE');
    expect(tierOf(DEFAULT_POLICY, snap({ grade: 'A', score: 800, behaviourValue: yuan(10_000) }))).toBe('STANDARD');
    expect(tierOf(DEFAULT_POLICY, snap({ grade: 'D', score: 700 }))).toBe('MEDIUM_RISK');
    expect(tierOf(DEFAULT_POLICY, snap({ grade: 'E', score: 700 }))).toBe('HIGH_RISK');
    expect(tierOf(DEFAULT_POLICY, snap({ overdue: true }))).toBe('HIGH_RISK');
    expect(tierOf(DEFAULT_POLICY, snap({ lifecycleStage: 'HIGH_RISK' }))).toBe('HIGH_RISK');
  });

  it('a document may tier by score on the standard scale instead, or by either', () => {
    const byScore = { ...DEFAULT_POLICY, tiers: { highRisk: { maxScore: 520, grades: [] }, mediumRisk: { maxScore: 600 }, highValue: { minScore: 700, minValueShareOfIncome: 0.3 } } };
    expect(policyProblems(byScore)).toEqual([]);
    expect(tierOf(byScore, snap({ grade: 'E', score: 650 }))).toBe('STANDARD');
    expect(tierOf(byScore, snap({ grade: 'A', score: 720, behaviourValue: yuan(60_000) }))).toBe('HIGH_VALUE');
    expect(tierOf(byScore, snap({ grade: 'A', score: 580 }))).toBe('MEDIUM_RISK');
    expect(tierOf(byScore, snap({ grade: 'A', score: 520 }))).toBe('HIGH_RISK');
    const either = { ...byScore, tiers: { ...byScore.tiers, highRisk: { maxScore: 520, grades: ['E' as const] } } };
    expect(tierOf(either, snap({ grade: 'E', score: 650 }))).toBe('HIGH_RISK');
    expect(tierOf(either, snap({ grade: 'B', score: 500 }))).toBe('HIGH_RISK');
  });

  it('names a bad tier cut-off or grade list', () => {
    const bad = { ...DEFAULT_POLICY, tiers: { highRisk: { maxScore: '520', grades: ['F'] }, mediumRisk: { maxScore: 2000, grades: 'D' }, highValue: { minValueShareOfIncome: 0.3, grades: [] } } };
    expect(policyProblems(bad).map((p) => p.path)).toEqual([
      'document.tiers.highRisk.maxScore',
      'document.tiers.highRisk.grades',
      'document.tiers.mediumRisk.maxScore',
      'document.tiers.mediumRisk.grades',
      'document.tiers.highValue.minScore',
    ]);
  });

  it('refuses a document whose parts contradict each other or carry fields the decision never reads', () => {
    const typo = { ...DEFAULT_POLICY, tiers: { ...DEFAULT_POLICY.tiers, mediumRisk: { maxScore: null, grade: ['D'] } } };
    // the misspelt list would leave no customer MEDIUM_RISK, silently
    expect(policyProblems(typo).map((p) => p.path)).toEqual(['document.tiers.mediumRisk.grade']);
    const nested = {
      ...DEFAULT_POLICY,
      tierRules: { ...DEFAULT_POLICY.tierRules, PREMIUM: DEFAULT_POLICY.tierRules.HIGH_VALUE, STANDARD: { ...DEFAULT_POLICY.tierRules.STANDARD, maxChange: 0.1 } },
      stages: { ...DEFAULT_POLICY.stages, DORMANT: { reduceBy: 0.2 } },
    };
    expect(policyProblems(nested).map((p) => p.path)).toEqual(['document.tierRules.STANDARD.maxChange', 'document.tierRules.PREMIUM', 'document.stages.DORMANT']);
    const inverted = { ...DEFAULT_POLICY, tiers: { highRisk: { maxScore: 650, grades: ['E'] }, mediumRisk: { maxScore: 600, grades: ['D', 'E'] }, highValue: { minScore: 580, grades: ['A'], minValueShareOfIncome: 0.3 } } };
    expect(policyProblems(inverted)).toEqual([
      { path: 'document.tiers.mediumRisk.maxScore', reason: 'must be above tiers.highRisk.maxScore' },
      { path: 'document.tiers.highValue.minScore', reason: 'must be above tiers.mediumRisk.maxScore' },
      { path: 'document.tiers.highValue.minScore', reason: 'must be above tiers.highRisk.maxScore' },
      { path: 'document.tiers.mediumRisk.grades', reason: 'grade E is already in tiers.highRisk.grades' },
    ]);
    const caps = {
      ...DEFAULT_POLICY,
      step: yuan(300_000),
      tierRules: { ...DEFAULT_POLICY.tierRules, HIGH_RISK: { ...DEFAULT_POLICY.tierRules.HIGH_RISK, jointCap: yuan(80_000) } },
    };
    expect(policyProblems(caps).map((p) => p.path)).toEqual(['document.tierRules.HIGH_RISK.jointCap', 'document.step']);
    // a lower per-person cap below the tier caps still stands: it bounds them
    expect(policyProblems({ ...DEFAULT_POLICY, personCap: yuan(100_000) })).toEqual([]);
  });

  it('NEW: PAY_LATER first, CASH_LOAN closed until the run of on-time months', () => {
    const fresh = decide(DEFAULT_POLICY, snap({ lifecycleStage: 'NEW', onTimeRepaymentMonths: 2 }), null);
    expect(fresh.after).toMatchObject({ cashLoanLimit: 0, payLaterLimit: yuan(3_000), jointLimit: yuan(60_000) });
    expect(fresh.reasons).toEqual(expect.arrayContaining(['NEW_PAY_LATER_FIRST', 'CASH_LOAN_AWAITS_REPAYMENT_HISTORY']));
    const proven = decide(DEFAULT_POLICY, snap({ lifecycleStage: 'NEW', onTimeRepaymentMonths: 6 }), null);
    expect(proven.after.cashLoanLimit).toBe(yuan(18_000));
    expect(proven.reasons).toContain('CASH_LOAN_OPENED_ON_TIME_HISTORY');
  });

  it('ACTIVE: CASH_LOAN raised, PAY_LATER moves at most the bounded change per review', () => {
    const d = decide(DEFAULT_POLICY, snap(), line({ payLaterLimit: yuan(10_000) }));
    expect(d.after.jointLimit).toBe(yuan(60_000));
    expect(d.after.cashLoanLimit).toBe(yuan(48_000));
    expect(d.after.payLaterLimit).toBe(yuan(13_000));
    expect(d.reasons).toContain('ACTIVE_CASH_LOAN_RAISED');
  });

  it('HIGH_RISK: the cut is made once; later reviews while still HIGH_RISK hold the line', () => {
    const first = decide(DEFAULT_POLICY, snap({ overdue: true }), line());
    const held = { ...line(), ...first.after };
    const again = decide(DEFAULT_POLICY, snap({ overdue: true, score: 480 }), held);
    expect(again.after).toMatchObject({ jointLimit: first.after.jointLimit, cashLoanLimit: first.after.cashLoanLimit, payLaterLimit: first.after.payLaterLimit, cashLoanDrawsFrozen: true });
    expect(again.reasons).toEqual(expect.arrayContaining(['OVERDUE', 'HIGH_RISK_HELD', 'CASH_LOAN_DRAWS_FROZEN']));
    expect(again.reasons).not.toContain('HIGH_RISK_REDUCED');
  });

  it('HIGH_RISK by behaviour with a fair score: cut once, then held, not cut again on each new score', () => {
    const risky = snap({ lifecycleStage: 'HIGH_RISK', score: 580, grade: 'C' });
    const first = decide(DEFAULT_POLICY, risky, line());
    expect(first.after).toMatchObject({ tier: 'HIGH_RISK', cashLoanDrawsFrozen: true, jointLimit: yuan(8_000) });
    expect(first.reasons).toEqual(expect.arrayContaining(['SERIOUS_LATE_REPAYMENT', 'HIGH_RISK_REDUCED']));
    expect(first.reasons).not.toContain('LOW_SCORE');
    const again = decide(DEFAULT_POLICY, { ...risky, score: 585 }, { ...line(), ...first.after });
    expect(again.after).toMatchObject({ jointLimit: first.after.jointLimit, cashLoanLimit: first.after.cashLoanLimit, payLaterLimit: first.after.payLaterLimit });
    expect(again.reasons).toContain('HIGH_RISK_HELD');
  });

  it('HIGH_RISK or overdue: both reduced, never below drawn, cash draws frozen, with reasons', () => {
    const d = decide(DEFAULT_POLICY, snap({ overdue: true }), line({ cashLoanDrawn: yuan(30_000) }));
    expect(d.after).toMatchObject({ cashLoanLimit: yuan(30_000), payLaterLimit: yuan(10_000), cashLoanDrawsFrozen: true, tier: 'HIGH_RISK', cashLoanApr: 0.24 });
    expect(d.after.jointLimit).toBe(yuan(30_000));
    expect(d.reasons).toEqual(expect.arrayContaining(['OVERDUE', 'HIGH_RISK_REDUCED', 'CASH_LOAN_DRAWS_FROZEN', 'NOT_BELOW_DRAWN']));
  });

  it('DORMANT: nothing goes up', () => {
    const d = decide(DEFAULT_POLICY, snap({ lifecycleStage: 'DORMANT', score: 700, grade: 'A', declaredIncome: yuan(1_000_000) }), line());
    expect(d.after.jointLimit).toBeLessThanOrEqual(yuan(50_000));
    expect(d.after.cashLoanLimit).toBeLessThanOrEqual(yuan(40_000));
    expect(d.after.payLaterLimit).toBeLessThanOrEqual(yuan(20_000));
    expect(d.reasons).toContain('DORMANT_NO_INCREASE');
  });

  it('DORMANT: a line at zero is not raised either', () => {
    const zero = line({ jointLimit: 0, cashLoanLimit: 0, payLaterLimit: 0 });
    const d = decide(DEFAULT_POLICY, snap({ lifecycleStage: 'DORMANT' }), zero);
    expect(d.after).toMatchObject({ jointLimit: 0, cashLoanLimit: 0, payLaterLimit: 0 });
    expect(d.reasons).toContain('DORMANT_NO_INCREASE');
  });

  it('HIGH_VALUE gets a higher cap and a preferential APR, never past the per-person cap or the APR cap', () => {
    const hv = decide(DEFAULT_POLICY, snap({ score: 760, grade: 'A', declaredIncome: yuan(2_000_000), behaviourValue: yuan(900_000) }), null);
    const std = decide(DEFAULT_POLICY, snap({ declaredIncome: yuan(2_000_000) }), null);
    expect(hv.after.tier).toBe('HIGH_VALUE');
    expect(hv.after.jointLimit).toBe(yuan(200_000));
    expect(std.after.jointLimit).toBe(yuan(100_000));
    expect(hv.after.cashLoanApr).toBeLessThan(std.after.cashLoanApr);
    const greedy = { ...DEFAULT_POLICY, aprCap: 0.24, tierRules: { ...DEFAULT_POLICY.tierRules, HIGH_RISK: { ...DEFAULT_POLICY.tierRules.HIGH_RISK, cashLoanApr: 0.5 } } };
    expect(decide(greedy, snap({ overdue: true }), null).after.cashLoanApr).toBe(0.24);
  });

  it('MEDIUM_RISK: changes bounded more tightly; a decrease always carries a reason', () => {
    const d = decide(DEFAULT_POLICY, snap({ score: 590, grade: 'D' }), line());
    expect(d.after.tier).toBe('MEDIUM_RISK');
    expect(d.after.jointLimit).toBe(yuan(42_500));
    expect(d.reasons).toEqual(expect.arrayContaining(['MEDIUM_RISK_BOUNDED_CHANGE', 'MEDIUM_RISK_TIGHTENED']));
  });
});

describe('decisions through the subgraph', () => {
  const clock = fixedClock('2026-11-30T08:00:00Z');
  let database: Database;
  let server: SubgraphServer;
  useLimitSubgraph(clock, (s) => ({ database, server } = s));

  const exec = (query: string, variables: Record<string, unknown> = {}, who = testPrincipals.service) => server.execute({ query, variables }, who);
  const RECORD = `mutation ($i: RiskSnapshotInput!) { recordRiskSnapshot(input: $i) { score lifecycleStage overdue asOf } }`;
  const DECIDE = `mutation ($id: ID!) { decideCreditLine(input: { customerId: $id }) {
    trigger policyVersion direction reasonCodes actor inputs
    before { jointLimit cashLoanLimit payLaterLimit tier cashLoanDrawsFrozen }
    after { jointLimit cashLoanLimit payLaterLimit cashLoanApr payLaterApr tier cashLoanDrawsFrozen } } }`;
  const HISTORY = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { limitHistory(first: 5) { edges { node { trigger direction reasonCodes policyVersion } } } } } }`;
  const snapInput = (id: string, patch: Record<string, unknown> = {}) => ({
    customerId: id, score: 650, pd: 0.03, grade: 'B', lifecycleStage: 'NEW', region: '44', declaredIncome: '200000.00',
    behaviourValue: '20000.00', onTimeRepaymentMonths: 2, overdue: false, asOf: '2026-11-29T00:00:00Z', ...patch,
  });
  const count = async (table: string) => (await database.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  it('opens a NEW customer PAY_LATER first, then cuts and freezes cash when they go overdue, never below drawn', async () => {
    const id = 'c_0000000000000e01';
    expect((await exec(RECORD, { i: snapInput(id) })).errors).toBeUndefined();
    const first = await exec(DECIDE, { id });
    expect(first.errors).toBeUndefined();
    expect(first.data!.decideCreditLine).toMatchObject({
      trigger: 'REVIEW', policyVersion: 2, direction: 'INCREASE', actor: 'test-service', before: null,
      after: { jointLimit: '60000.00', cashLoanLimit: '0.00', payLaterLimit: '3000.00', tier: 'STANDARD', cashLoanDrawsFrozen: false },
    });
    expect(JSON.parse(first.data!.decideCreditLine.inputs).snapshot.score).toBe(650);

    // six on-time months later the cash line opens
    await exec(RECORD, { i: snapInput(id, { onTimeRepaymentMonths: 6, asOf: '2026-11-30T00:00:00Z' }) });
    const opened = (await exec(DECIDE, { id })).data!.decideCreditLine;
    expect(opened.after.cashLoanLimit).toBe('18000.00');
    const draw = await exec(`mutation { authorize(input: { customerId: "${id}", product: CASH_LOAN, amount: "15000.00", idempotencyKey: "p-1" }) { approved } }`);
    expect(draw.data!.authorize.approved).toBe(true);

    await exec(RECORD, { i: snapInput(id, { overdue: true, asOf: '2026-11-30T06:00:00Z' }) });
    const cut = (await exec(DECIDE, { id })).data!.decideCreditLine;
    expect(cut.direction).toBe('DECREASE');
    expect(cut.after).toMatchObject({ cashLoanLimit: '15000.00', cashLoanDrawsFrozen: true, tier: 'HIGH_RISK', cashLoanApr: 0.24 });
    expect(cut.reasonCodes).toEqual(expect.arrayContaining(['OVERDUE', 'HIGH_RISK_REDUCED', 'NOT_BELOW_DRAWN']));
    const frozen = await exec(`mutation { authorize(input: { customerId: "${id}", product: CASH_LOAN, amount: "1.00", idempotencyKey: "p-2" }) { declineReason } }`);
    expect(frozen.data!.authorize.declineReason).toBe('PRODUCT_CLOSED');

    const history = await exec(HISTORY, { r: [{ __typename: 'Customer', id }] }, testPrincipals.customer(id));
    expect(history.errors).toBeUndefined();
    expect(history.data!._entities[0].limitHistory.edges.map((e: any) => e.node.direction)).toEqual(['DECREASE', 'INCREASE', 'INCREASE']);
  });

  it('a DORMANT review does not raise a line opened at zero', async () => {
    const id = 'c_0000000000000e05';
    await exec(RECORD, { i: snapInput(id, { declaredIncome: '0.00' }) });
    const opened = (await exec(DECIDE, { id })).data!.decideCreditLine;
    expect(opened.after).toMatchObject({ jointLimit: '0.00', cashLoanLimit: '0.00', payLaterLimit: '0.00' });
    // never used, so dormant; an income declared since does not open the line
    await exec(RECORD, { i: snapInput(id, { lifecycleStage: 'DORMANT', asOf: '2026-11-30T00:00:00Z' }) });
    const review = await exec(DECIDE, { id });
    expect(review.errors).toBeUndefined();
    expect(review.data!.decideCreditLine).toMatchObject({ direction: 'UNCHANGED', after: { jointLimit: '0.00', cashLoanLimit: '0.00', payLaterLimit: '0.00' } });
    expect(review.data!.decideCreditLine.reasonCodes).toContain('DORMANT_NO_INCREASE');
  });

  it('keeps the newest snapshot when an older one arrives late', async () => {
    const id = 'c_0000000000000e02';
    await exec(RECORD, { i: snapInput(id, { score: 700, asOf: '2026-11-29T00:00:00Z' }) });
    const late = await exec(RECORD, { i: snapInput(id, { score: 400, asOf: '2026-11-01T00:00:00Z' }) });
    expect(late.data!.recordRiskSnapshot.score).toBe(700);
  });

  it('decides nothing without a snapshot and refuses a bad one, changing nothing', async () => {
    const before = [await count('limit_decisions'), await count('risk_snapshots'), await count('credit_lines')];
    expect((await exec(DECIDE, { id: 'c_0000000000000e99' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await exec(DECIDE, { id: 'nobody' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const bad = await exec(RECORD, { i: snapInput('c_0000000000000e98', { score: -1, pd: 2, region: 'x', asOf: '2027-01-01T00:00:00Z' }) });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/input\.score.*input\.pd.*input\.region.*input\.asOf/);
    expect([await count('limit_decisions'), await count('risk_snapshots'), await count('credit_lines')]).toEqual(before);
  });

  it('an ADMIN publishes a new version, the old one stays readable and decisions follow the new one', async () => {
    const doc = { ...DEFAULT_POLICY, stages: { ...DEFAULT_POLICY.stages, NEW: { ...DEFAULT_POLICY.stages.NEW, payLaterCap: yuan(5_000) } } };
    const PUBLISH = `mutation ($i: PublishPolicyInput!) { publishPolicy(input: $i) { version note publishedBy } }`;
    expect((await exec(PUBLISH, { i: { document: JSON.stringify(doc), note: 'x' } })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const published = await exec(PUBLISH, { i: { document: JSON.stringify(doc), note: 'higher NEW pay-later cap' } }, testPrincipals.admin);
    expect(published.data!.publishPolicy).toEqual({ version: 3, note: 'higher NEW pay-later cap', publishedBy: 'test-admin' });
    const old = await exec(`{ first: policy(version: 1) { document } policy(version: 2) { version document } latest: policy { version } }`, {}, testPrincipals.analyst);
    expect(JSON.parse(old.data!.first.document).tiers.mediumRisk).toEqual({ maxScore: 600 });
    expect(JSON.parse(old.data!.policy.document)).toEqual(DEFAULT_POLICY);
    expect(old.data!.latest.version).toBe(3);
    const id = 'c_0000000000000e03';
    await exec(RECORD, { i: snapInput(id) });
    const d = (await exec(DECIDE, { id })).data!.decideCreditLine;
    expect(d).toMatchObject({ policyVersion: 3, after: { payLaterLimit: '5000.00' } });
  });

  it('refuses a bad policy document naming the fields, and publishes nothing', async () => {
    const before = await count('policies');
    const PUBLISH = `mutation ($i: PublishPolicyInput!) { publishPolicy(input: $i) { version } }`;
    const notJson = await exec(PUBLISH, { i: { document: '{', note: 'n' } }, testPrincipals.admin);
    expect(notJson.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const loose = await exec(PUBLISH, { i: { document: JSON.stringify({ ...DEFAULT_POLICY, aprCap: 0.36 }), note: '' } }, testPrincipals.admin);
    expect(loose.errors?.[0]?.message).toMatch(/input\.document\.aprCap.*input\.note/);
    const inverted = { ...DEFAULT_POLICY, tiers: { ...DEFAULT_POLICY.tiers, highValue: { ...DEFAULT_POLICY.tiers.highValue, grades: ['A', 'E'] } } };
    const contradictory = await exec(PUBLISH, { i: { document: JSON.stringify(inverted), note: 'E is high value' } }, testPrincipals.admin);
    expect(contradictory.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(contradictory.errors?.[0]?.message).toMatch(/input\.document\.tiers\.highValue\.grades/);
    const typo = { ...DEFAULT_POLICY, tiers: { ...DEFAULT_POLICY.tiers, mediumRisk: { maxScore: null, grade: ['D'] } } };
    const misspelt = await exec(PUBLISH, { i: { document: JSON.stringify(typo), note: 'typo' } }, testPrincipals.admin);
    expect(misspelt.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(misspelt.errors?.[0]?.message).toMatch(/input\.document\.tiers\.mediumRisk\.grade\b/);
    expect(await count('policies')).toBe(before);
  });

  it('the database refuses a decrease recorded without reasons', async () => {
    const terms = (j: number) => JSON.stringify({ jointLimit: j, cashLoanLimit: 0, payLaterLimit: 0 });
    await expect(
      database.dataSource.query(
        `INSERT INTO limit_decisions (customer_id, trigger, inputs, before, after, reason_codes, actor, decided_at) VALUES ('c_0000000000000e04', 'X', '{}', $1, $2, '{}', 'a', now())`,
        [terms(100), terms(50)],
      ),
    ).rejects.toThrow(/decrease_has_reasons/);
  });
});
