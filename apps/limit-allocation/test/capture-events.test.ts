import { eventProblems, fixedClock } from '@jc/domain';
import { testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { CreditLineRepository } from '../src/db/credit-line-repository';
import { UtilisationRepository } from '../src/db/utilisation-repository';
import { UtilisationService } from '../src/services/utilisation-service';
import { useLimitSubgraph } from './support/subgraph';
import { customerIds } from './support/customer-ids';

/** Every capture announces utilisation.recorded from its own transaction; nothing else does. */
const clock = fixedClock('2026-11-30T08:00:00Z');
let database: Database;
let server: SubgraphServer;

useLimitSubgraph(clock, (s) => ({ database, server } = s));

let seq = 0;
const customer = customerIds(0xe00000);

function run(query: string, variables: Record<string, unknown> = {}) {
  return server.execute({ query, variables }, testPrincipals.service);
}

async function ok(query: string, variables: Record<string, unknown> = {}) {
  const res = await run(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const AUTHORIZE = `mutation ($i: AuthorizeInput!) { authorize(input: $i) { hold { id } } }`;
const CAPTURE = `mutation ($i: CaptureInput!) { capture(input: $i) { status captured } }`;
const RELEASE = `mutation ($i: ReleaseInput!) { release(input: $i) { status } }`;

async function hold(customerId: string, amount: string, patch: Record<string, unknown> = {}): Promise<string> {
  const data = await ok(AUTHORIZE, { i: { customerId, product: 'PAY_LATER', amount, idempotencyKey: `k-${(seq += 1)}`, ...patch } });
  return data.authorize.hold.id;
}

async function outbox(): Promise<{ id: string; type: string; envelope: any }[]> {
  return database.dataSource.query(`SELECT id, type, envelope FROM event_outbox ORDER BY seq`);
}

const holdStatus = async (id: string) => (await ok(`query ($id: ID!) { hold(id: $id) { status } }`, { id })).hold.status;

describe('utilisation.recorded', () => {
  const id = customer();
  beforeAll(() =>
    ok(`mutation ($i: OpenCreditLineInput!) { openCreditLine(input: $i) { status } }`, {
      i: { customerId: id, jointLimit: '10000.00', cashLoanLimit: '6000.00', payLaterLimit: '5000.00' },
    }),
  );

  it('a capture writes exactly one valid event with the captured amount, and a repeat of it writes none', async () => {
    const holdId = await hold(id, '300.00', { merchant: 'ELECTRONICS' });
    const before = await outbox();
    expect((await ok(CAPTURE, { i: { holdId, amount: '250.00' } })).capture).toEqual({ status: 'CAPTURED', captured: '250.00' });
    const added = (await outbox()).slice(before.length);
    expect(added).toHaveLength(1);
    const [row] = added;
    expect(eventProblems(row!.envelope)).toEqual([]);
    expect(row).toMatchObject({ id: row!.envelope.id, type: 'utilisation.recorded' });
    expect(row!.envelope).toMatchObject({ type: 'utilisation.recorded', version: 1, source: 'limit-allocation', occurredAt: '2026-11-30T08:00:00.000Z' });
    expect(row!.envelope.payload).toEqual({
      customerId: id,
      utilisationId: `capture-${holdId}`,
      product: 'PAY_LATER',
      amount: 25_000,
      occurredAt: '2026-11-30T08:00:00.000Z',
      merchantCategory: 'ELECTRONICS',
      channel: null,
    });

    const replay = await run(CAPTURE, { i: { holdId, amount: '250.00' } });
    expect(replay.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await outbox()).toHaveLength(before.length + 1);
  });

  it('a merchant that is not a known category is passed on as null; each capture has its own utilisation id', async () => {
    const first = await hold(id, '10.00', { merchant: 'Tmall' });
    const second = await hold(id, '20.00');
    await ok(CAPTURE, { i: { holdId: first, amount: '10.00' } });
    await ok(CAPTURE, { i: { holdId: second, amount: '5.00' } });
    const payloads = (await outbox()).slice(-2).map((r) => r.envelope.payload);
    expect(payloads.map((p) => [p.utilisationId, p.amount, p.merchantCategory])).toEqual([
      [`capture-${first}`, 1_000, null],
      [`capture-${second}`, 500, null],
    ]);
  });

  it('refused captures and releases write no event', async () => {
    const holdId = await hold(id, '100.00', { expiresIn: 60 });
    const released = await hold(id, '100.00');
    const before = await outbox();
    expect((await run(CAPTURE, { i: { holdId, amount: '100.01' } })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await run(CAPTURE, { i: { holdId: `h_${'0'.repeat(32)}`, amount: '1.00' } })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await ok(RELEASE, { i: { holdId: released } });
    expect((await run(CAPTURE, { i: { holdId: released, amount: '1.00' } })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    clock.advance(61_000);
    try {
      expect((await run(CAPTURE, { i: { holdId, amount: '1.00' } })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    } finally {
      clock.set('2026-11-30T08:00:00Z');
    }
    expect(await outbox()).toEqual(before);
  });

  it('a capture whose event cannot be written does not happen', async () => {
    const holdId = await hold(id, '40.00');
    await database.dataSource.query(`ALTER TABLE event_outbox RENAME TO event_outbox_away`);
    try {
      const res = await run(CAPTURE, { i: { holdId, amount: '40.00' } });
      expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await database.dataSource.query(`ALTER TABLE event_outbox_away RENAME TO event_outbox`);
    }
    expect(await holdStatus(holdId)).toBe('HELD');
    const before = (await outbox()).length;
    await ok(CAPTURE, { i: { holdId, amount: '40.00' } });
    expect(await outbox()).toHaveLength(before + 1);
  });

  it('wakes the relay after a capture commits, not after a refused one', async () => {
    let wakes = 0;
    const ds = database.dataSource;
    const service = new UtilisationService(new CreditLineRepository(ds), new UtilisationRepository(ds), clock, () => (wakes += 1));
    const holdId = await hold(id, '30.00');
    await expect(service.capture(holdId, 3_001)).rejects.toThrow(/exceeds the hold/);
    expect(wakes).toBe(0);
    expect((await service.capture(holdId, 3_000)).status).toBe('CAPTURED');
    expect(wakes).toBe(1);
  });
});
