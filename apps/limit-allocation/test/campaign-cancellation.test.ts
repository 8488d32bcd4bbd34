import { fixedClock } from '@jc/domain';
import { testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { useLimitSubgraph } from './support/subgraph';
import { customerIds } from './support/customer-ids';
import { codeOf, itRefusesCancelling, overlayDigest } from './support/cancel-refusals';

const NOW = '2026-11-30T08:00:00Z';
const clock = fixedClock(NOW);
let database: Database;
let server: SubgraphServer;

useLimitSubgraph(clock, (s) => ({ database, server } = s));

const customer = customerIds(0xe20000);
const exec = (query: string, variables: Record<string, unknown> = {}, who = testPrincipals.admin) => server.execute({ query, variables }, who);

async function ok(query: string, variables: Record<string, unknown> = {}) {
  const res = await exec(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const CREATE = `mutation ($i: CreateUpliftCampaignInput!) { createUpliftCampaign(input: $i) { id status linesTouched } }`;
const CANCEL = `mutation ($i: CancelUpliftCampaignInput!) { cancelUpliftCampaign(input: $i) { id status cancelledAt cancelledBy cancelReason endsAt } }`;
const LIST = `{ campaigns(first: 50) { edges { node { id status cancelledAt cancelReason } } } }`;
const EFFECTIVE = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { creditLine { payLater { effectiveLimit } } } } }`;

const lines: string[] = [];
const campaign = (patch: Record<string, unknown> = {}) =>
  ({ name: 'double 12', products: ['PAY_LATER'], amount: '1000.00', startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-12-30T00:00:00Z', ...patch });
const create = async (patch: Record<string, unknown> = {}) => (await ok(CREATE, { i: campaign(patch) })).createUpliftCampaign as { id: string; status: string; linesTouched: number };
const cancel = (campaignId: string, reason = 'merchant pulled out', who = testPrincipals.admin) => exec(CANCEL, { i: { campaignId, reason } }, who);
const effective = async (id: string) => (await ok(EFFECTIVE, { r: [{ __typename: 'Customer', id }] }))._entities[0].creditLine.payLater.effectiveLimit as string;
const granted = async () => Number((await ok(`{ portfolioSummary { grantedExposure } }`)).portfolioSummary.grantedExposure);
const count = async (sql: string, params: unknown[] = []) => Number((await database.dataSource.query(sql, params))[0].n);

const digest = () => overlayDigest(database);

beforeAll(async () => {
  for (let k = 0; k < 3; k += 1) {
    const id = customer();
    lines.push(id);
    await ok(`mutation { openCreditLine(input: { customerId: "${id}", jointLimit: "10000.00", cashLoanLimit: "6000.00", payLaterLimit: "4000.00" }) { status } }`);
  }
});

it('ends every running overlay, releases the budget, records and announces each line, and shows as CANCELLED', async () => {
  const made = await create();
  expect(made).toMatchObject({ status: 'RUNNING', linesTouched: 3 });
  // one line's overlay was already cancelled on its own: it stays as that cancellation left it
  const [single] = await database.dataSource.query(`SELECT id FROM uplifts WHERE campaign_id = $1 AND customer_id = $2`, [made.id, lines[0]]);
  expect((await exec(`mutation { cancelUplift(input: { upliftId: "${single.id}", reason: "opted out" }) { id } }`)).errors).toBeUndefined();
  clock.set('2026-11-30T09:00:00Z');
  try {
    const before = { granted: await granted(), events: await count(`SELECT count(*) AS n FROM event_outbox`) };
    expect(await effective(lines[1]!)).toBe('5000.00');
    const res = await cancel(made.id, ' merchant pulled out ');
    expect(res.errors).toBeUndefined();
    expect(res.data!.cancelUpliftCampaign).toEqual({
      id: made.id, status: 'CANCELLED', cancelledAt: '2026-11-30T09:00:00.000Z', cancelledBy: 'test-admin', cancelReason: 'merchant pulled out', endsAt: '2026-12-30T00:00:00.000Z',
    });
    for (const id of lines) expect(await effective(id)).toBe('4000.00');
    // the two overlays still running, 1,000 each
    expect(before.granted - (await granted())).toBe(2000);
    expect(await count(`SELECT count(*) AS n FROM event_outbox`)).toBe(before.events + 2);
    const decisions = await database.dataSource.query(`SELECT customer_id, reason_codes FROM limit_decisions WHERE trigger = 'CAMPAIGN_CANCELLED' ORDER BY customer_id`);
    expect(decisions).toEqual(lines.slice(1).map((customer_id) => ({ customer_id, reason_codes: ['CAMPAIGN_CANCELLED'] })));
    const events = await database.dataSource.query(`SELECT envelope FROM event_outbox ORDER BY seq DESC LIMIT 2`);
    expect(events.map((e: any) => [e.envelope.type, e.envelope.payload.customerId]).sort()).toEqual(lines.slice(1).map((id) => ['limit.changed', id]));
    expect(await database.dataSource.query(`SELECT cancel_reason, ends_at FROM uplifts WHERE id = $1`, [single.id])).toEqual([{ cancel_reason: 'opted out', ends_at: new Date(NOW) }]);
    const listed = (await exec(LIST, {}, testPrincipals.analyst)).data!.campaigns.edges.map((e: any) => e.node);
    expect(listed.find((c: any) => c.id === made.id)).toEqual({ id: made.id, status: 'CANCELLED', cancelledAt: '2026-11-30T09:00:00.000Z', cancelReason: 'merchant pulled out' });
  } finally {
    clock.set(NOW);
  }
});

it('shows a campaign SCHEDULED, RUNNING, then ENDED by the clock', async () => {
  const made = await create({ name: 'later', startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-02T00:00:00Z' });
  const statusAt = async (at: string) => {
    clock.set(at);
    try {
      return (await exec(LIST, {}, testPrincipals.analyst)).data!.campaigns.edges.find((e: any) => e.node.id === made.id).node.status;
    } finally {
      clock.set(NOW);
    }
  };
  expect([await statusAt(NOW), await statusAt('2026-12-01T12:00:00Z'), await statusAt('2026-12-02T00:00:00Z')]).toEqual(['SCHEDULED', 'RUNNING', 'ENDED']);
  // cancelled before it starts, it never raises anything
  expect((await cancel(made.id)).data!.cancelUpliftCampaign.status).toBe('CANCELLED');
  clock.set('2026-12-01T12:00:00Z');
  try {
    expect(await effective(lines[0]!)).toBe('4000.00');
  } finally {
    clock.set(NOW);
  }
});

describe('refuses, changing nothing', () => {
  let id: string;
  beforeAll(async () => {
    id = (await create({ name: 'to refuse' })).id;
  });

  itRefusesCancelling({ target: () => id, cancel, digest, unknownIds: ['999999', 'campaign-1'] });

  it('a campaign that has ended with CONFLICT', async () => {
    const ended = await create({ name: 'short', endsAt: '2026-11-30T09:00:00Z' });
    clock.set('2026-11-30T10:00:00Z');
    try {
      const before = await digest();
      const res = await cancel(ended.id);
      expect(codeOf(res)).toBe('CONFLICT');
      expect(res.errors![0]!.message).toContain('already ended');
      expect(await digest()).toBe(before);
    } finally {
      clock.set(NOW);
    }
  });
});
