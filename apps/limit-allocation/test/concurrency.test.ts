import { fixedClock } from '@jc/domain';
import { testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { useLimitSubgraph } from './support/subgraph';

/**
 * 1,000 authorisations across both products on one line, all in flight at once, each followed by a
 * capture or release of whatever it got, plus concurrent duplicates of some keys. Runs on PGlite by
 * default and on PostgreSQL (a real pool of connections) with TEST_DATABASE_URL.
 */
const clock = fixedClock('2026-11-30T08:00:00Z');
let database: Database;
let server: SubgraphServer;

useLimitSubgraph(clock, (s) => ({ database, server } = s));

const ID = 'c_00000000000c0c0c';
const AUTHORIZE = `mutation ($i: AuthorizeInput!) { authorize(input: $i) { approved declineReason hold { id amount } } }`;
const CAPTURE = `mutation ($i: CaptureInput!) { capture(input: $i) { status } }`;
const RELEASE = `mutation ($i: ReleaseInput!) { release(input: $i) { status } }`;

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function exec(query: string, variables: Record<string, unknown>) {
  const res = await server.execute({ query, variables }, testPrincipals.service);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as Record<string, any>;
}

it('1,000 concurrent random authorisations and captures never break the invariants and the ledger matches', async () => {
  await exec(`mutation { openCreditLine(input: { customerId: "${ID}", jointLimit: "60000.00", cashLoanLimit: "40000.00", payLaterLimit: "35000.00" }) { status } }`, {});
  const next = random(20261130);
  const requests = Array.from({ length: 1000 }, (_, n) => ({
    customerId: ID,
    product: next() < 0.5 ? 'CASH_LOAN' : 'PAY_LATER',
    amount: ((1 + Math.floor(next() * 300_000)) / 100).toFixed(2),
    // every tenth request reuses the previous key with the same body: it must not apply twice
    idempotencyKey: `k-${n % 10 === 9 ? n - 1 : n}`,
    then: next(),
    part: next(),
  }));
  for (let n = 9; n < requests.length; n += 10) Object.assign(requests[n]!, { ...requests[n - 1]!, then: requests[n]!.then });

  const outcomes = await Promise.all(
    requests.map(async ({ then, part, ...r }) => {
      const i = { customerId: r.customerId, product: r.product, amount: r.amount, idempotencyKey: r.idempotencyKey };
      const { authorize } = await exec(AUTHORIZE, { i });
      if (!authorize.approved) return authorize.declineReason as string;
      if (then < 0.6) {
        const amount = Math.max(1, Math.round(Number(authorize.hold.amount) * 100 * part));
        const res = await server.execute({ query: CAPTURE, variables: { i: { holdId: authorize.hold.id, amount: (amount / 100).toFixed(2) } } }, testPrincipals.service);
        // a duplicate key answers with the same hold, so only one of the two captures can win
        return res.errors ? `capture:${res.errors[0]?.extensions?.code}` : 'captured';
      }
      if (then < 0.8) {
        const res = await server.execute({ query: RELEASE, variables: { i: { holdId: authorize.hold.id } } }, testPrincipals.service);
        return res.errors ? `release:${res.errors[0]?.extensions?.code}` : 'released';
      }
      return 'held';
    }),
  );

  const tally = outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});
  expect(tally.INSUFFICIENT_AVAILABLE).toBeGreaterThan(0);
  expect((tally.captured ?? 0) + (tally.released ?? 0) + (tally.held ?? 0)).toBeGreaterThan(0);
  expect(Object.keys(tally).every((k) => ['INSUFFICIENT_AVAILABLE', 'captured', 'released', 'held', 'capture:CONFLICT', 'release:CONFLICT'].includes(k))).toBe(true);

  const [line] = await database.dataSource.query(`SELECT * FROM credit_lines WHERE customer_id = $1`, [ID]);
  const n = (v: string) => Number(v);
  const cashUsed = n(line.cash_loan_used), cashHeld = n(line.cash_loan_held), payUsed = n(line.pay_later_used), payHeld = n(line.pay_later_held);
  expect(cashUsed + cashHeld).toBeLessThanOrEqual(n(line.cash_loan_limit));
  expect(payUsed + payHeld).toBeLessThanOrEqual(n(line.pay_later_limit));
  expect(cashUsed + cashHeld + payUsed + payHeld).toBeLessThanOrEqual(n(line.joint_limit));
  expect(cashUsed + payUsed).toBeGreaterThan(0);

  const ledger: { product: string; held: string; used: string; entries: number }[] = await database.dataSource.query(
    `SELECT product, sum(held_delta) AS held, sum(used_delta) AS used, count(*)::int AS entries FROM ledger_entries WHERE customer_id = $1 GROUP BY product ORDER BY product`,
    [ID],
  );
  expect(ledger.map((l) => [l.product, n(l.held), n(l.used)])).toEqual([
    ['CASH_LOAN', cashHeld, cashUsed],
    ['PAY_LATER', payHeld, payUsed],
  ]);
  const holds: { status: string; amount: string; captured: string; count: number }[] = await database.dataSource.query(
    `SELECT status, sum(amount) AS amount, sum(captured) AS captured, count(*)::int AS count FROM holds WHERE customer_id = $1 GROUP BY status`,
    [ID],
  );
  const byStatus = Object.fromEntries(holds.map((h) => [h.status, h]));
  expect(n(byStatus.HELD?.amount ?? '0')).toBe(cashHeld + payHeld);
  expect(n(byStatus.CAPTURED?.captured ?? '0')).toBe(cashUsed + payUsed);
  // one hold per distinct key that was approved, never two for a duplicated key
  const approvedKeys = new Set(requests.filter((_, i) => !['INSUFFICIENT_AVAILABLE'].includes(outcomes[i]!)).map((r) => r.idempotencyKey));
  expect(holds.reduce((s, h) => s + h.count, 0)).toBe(approvedKeys.size);
}, 120_000);
