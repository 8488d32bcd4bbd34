/**
 * Real-time re-decisioning on the production-like stack: each subgraph its own process on its own
 * PostgreSQL database, events on NATS JetStream, our gateway in front.
 *
 *   latency  a missed repayment (due 3 days ago, after every payment) recorded through the gateway →
 *            behaviour.updated → rescoring →
 *            score.changed → a new limit decision visible through the gateway (p50/p95), while a
 *            background load of BENCH_EVENT_RATE (default 1,000) transactions per second is ingested
 *   stages   where that time goes: per hop relay lag, queue wait and handler time, for every event of
 *            the run and for the probes' own chains (read back from the outbox and inbox tables)
 *   relay    outbox → JetStream throughput of the relay, beside its anchor measured in the same run:
 *            a raw JetStream publish of the very same messages, in the relay's groups: each group
 *            published at once and its acknowledgements awaited together, as the relay does
 *
 * Settings: BENCH_DATABASE_URL (PostgreSQL server, default postgres://postgres@127.0.0.1:5432/postgres),
 * NATS_URL (nats://127.0.0.1:4222), BENCH_SECONDS (30), BENCH_PROBES (40), BENCH_RELAY_EVENTS (20,000).
 * Scratch databases and streams are created and removed by the run.
 * Run: node --import tsx bench/event-latency.bench.ts
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { enqueueEvents, NatsJetStreamBus, newEvent, OutboxRelay } from '@jc/events';
import type { EventEnvelope } from '@jc/domain';
import { openCreditScoringDatabase } from '../apps/credit-scoring/src';
import { databaseUrl, withAdmin } from '../infra/local/databases';
import { analystToken } from './lib/auth';
import { eventStages } from './lib/event-stages';
import { stopAll } from './lib/processes';
import { printTable, writeResults } from './lib/report';
import { startGateway, startSubgraphs, SUBGRAPHS } from './lib/stack';

const PG_SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const RATE = Number(process.env.BENCH_EVENT_RATE ?? 1_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const PROBES = Number(process.env.BENCH_PROBES ?? 40);
const RELAY_EVENTS = Number(process.env.BENCH_RELAY_EVENTS ?? 20_000);
/** Rows the relay claims and publishes per pass; the anchor publishes in groups of the same size. */
const RELAY_BATCH = 500;
/** Background batches: one every half second keeps the per-call overhead small at 1,000 events/s. */
const TICK_MS = 500;
const DAY = 86_400_000;
const RUN = `bench_events_${process.pid}`;
const log = (line: string) => process.stdout.write(`[event-latency] ${line}\n`);

const dbUrl = (name: string) => databaseUrl(PG_SERVER, name);
const scratch = (suffix: string) => `${RUN}_${suffix.replace(/-/g, '_')}`;
const createDatabases = (names: string[]) => withAdmin(PG_SERVER, async (a) => { for (const n of names) await a.query(`CREATE DATABASE "${n}"`); });
const dropDatabases = (names: string[]) => withAdmin(PG_SERVER, async (a) => { for (const n of names) await a.query(`DROP DATABASE IF EXISTS "${n}" WITH (FORCE)`); });

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function post(url: string, token: string, query: string, variables?: Record<string, unknown>) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: any; errors?: Array<{ message: string }> };
  if (body.errors) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

const at = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();
const TRANSACTIONS = 'mutation ($input: [TransactionInput!]!) { recordTransactions(input: $input) }';
const REPAYMENTS = 'mutation ($input: [RepaymentInput!]!) { recordRepayments(input: $input) }';
const LATEST = 'query ($id: ID!) { customer(id: $id) { riskSnapshot { asOf overdue } limitHistory(first: 1) { edges { node { id } } } } }';
/**
 * The customer's latest decision, and the snapshot the line was last decided from (snapshot and
 * decision are written in one transaction): when it was scored and whether it saw an overdue.
 */
async function latestDecision(url: string, token: string, id: string): Promise<{ decision: string | null; decidedFrom: number; overdue: boolean }> {
  const { customer } = await post(url, token, LATEST, { id });
  const snapshot = customer.riskSnapshot as { asOf: string; overdue: boolean } | null;
  return { decision: customer.limitHistory.edges[0]?.node.id ?? null, decidedFrom: snapshot ? Date.parse(snapshot.asOf) : 0, overdue: snapshot?.overdue ?? false };
}

/** A customer with four months of on-time history and a line, ready to be made overdue. */
async function probeCustomer(url: string, token: string): Promise<{ id: string }> {
  const { onboardCustomer } = await post(url, token, 'mutation { onboardCustomer(input: { region: "31", declaredAnnualIncome: "200000.00", birthYear: 1990, education: UNIVERSITY }) { id } }');
  const id = onboardCustomer.id as string;
  const spend = [4, 3, 2, 1, 0].map((m) => ({ eventId: randomUUID(), customerId: id, product: 'PAY_LATER', amount: '300.00', merchantCategory: 'ELECTRONICS', channel: 'ONLINE', occurredAt: at(-30 * m - 1) }));
  const repaid = [4, 3, 2, 1].map((m) => ({ eventId: randomUUID(), customerId: id, product: 'PAY_LATER', amount: '300.00', dueDate: at(-30 * m + 20), paidAt: at(-30 * m + 18) }));
  await post(url, token, REPAYMENTS, { input: repaid });
  await post(url, token, TRANSACTIONS, { input: spend });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { decision, overdue } = await latestDecision(url, token, id);
    if (overdue) throw new Error(`probe customer ${id} is overdue before its probe`);
    if (decision) return { id };
    if (Date.now() > deadline) throw new Error(`probe customer ${id} got no line within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Background transactions spread over the demo population at RATE per second until `until`. */
async function backgroundLoad(url: string, token: string, customers: string[], until: number): Promise<{ sent: number; failed: number; sendSeconds: number; drainSeconds: number }> {
  const perTick = Math.max(1, Math.round((RATE * TICK_MS) / 1000));
  const started = Date.now();
  let sent = 0;
  let next = started;
  const failures: string[] = [];
  const inFlight = new Set<Promise<void>>();
  while (Date.now() < until) {
    const input = Array.from({ length: perTick }, (_, i) => ({
      eventId: randomUUID(),
      customerId: customers[(sent + i) % customers.length],
      product: 'OTHER',
      amount: '25.00',
      merchantCategory: 'GROCERY',
      channel: 'OFFLINE',
      occurredAt: new Date().toISOString(),
    }));
    const call = post(url, token, TRANSACTIONS, { input }).then(
      () => undefined,
      (err: Error) => void failures.push(err.message),
    );
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
    sent += perTick;
    next += TICK_MS;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
  }
  const sendSeconds = (Date.now() - started) / 1000;
  await Promise.all(inFlight);
  return { sent, failed: failures.length, sendSeconds, drainSeconds: (Date.now() - started) / 1000 - sendSeconds };
}

/** Publishes the relays had to retry and effects the consumers had to retry, per service: where a tail comes from. */
async function eventRetries(names: string[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const client = new Client({ connectionString: dbUrl(name) });
    await client.connect();
    try {
      const [relay] = (await client.query(`SELECT count(*) FILTER (WHERE attempts > 0)::int AS retried, max(last_error) AS error FROM event_outbox`)).rows;
      const [consumer] = (await client.query(`SELECT count(*)::int AS failed, max(last_error) AS error FROM event_failures`)).rows;
      out[name.replace(`${RUN}_`, '')] = { relayRetried: relay.retried, relayError: relay.error, effectsRetried: consumer.failed, effectError: consumer.error };
    } finally {
      await client.end();
    }
  }
  return out;
}

async function measureLatency(): Promise<Record<string, unknown>> {
  const databases = Object.fromEntries(SUBGRAPHS.map((s) => [s, scratch(s)]));
  await createDatabases(Object.values(databases));
  const stream = `JC_BENCH_${process.pid}`;
  const subgraphs = await startSubgraphs({
    demoCustomers: 1000,
    env: (name) => ({ DATABASE_URL: dbUrl(databases[name]!), DATA_DIR: '', NATS_URL, NATS_STREAM: stream, NATS_SUBJECT_PREFIX: `jc.bench${process.pid}` }),
  });
  try {
    const gateway = await startGateway(subgraphs);
    const token = await analystToken(3600, 'ADMIN');
    const customers: string[] = [];
    for (let after: string | null = null; ; ) {
      const page = await post(gateway.url, token, 'query ($after: String) { customers(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }', { after });
      customers.push(...page.customers.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.customers.pageInfo.hasNextPage) break;
      after = page.customers.pageInfo.endCursor;
    }
    log(`preparing ${PROBES} probe customers (history, score, line) ...`);
    const probes = [];
    for (let i = 0; i < PROBES; i += 1) {
      probes.push(await probeCustomer(gateway.url, token));
      if ((i + 1) % 10 === 0) log(`  ${i + 1}/${PROBES}`);
    }
    log(`background load ${RATE} events/s for ${SECONDS}s with a probe every ${((SECONDS * 1000) / PROBES).toFixed(0)} ms ...`);
    const until = Date.now() + SECONDS * 1000;
    const load = backgroundLoad(gateway.url, token, customers, until);
    const latencies: number[] = [];
    const sentAt: Array<{ id: string; sent: number }> = [];
    const seen = new Map<string, number>();
    let missed = 0;
    const errors: string[] = [];
    await Promise.all(
      probes.map(async (probe, i) => {
        await new Promise((resolve) => setTimeout(resolve, (i * SECONDS * 1000) / PROBES));
        const sent = Date.now();
        sentAt.push({ id: probe.id, sent });
        try {
          await post(gateway.url, token, REPAYMENTS, { input: [{ eventId: randomUUID(), customerId: probe.id, product: 'PAY_LATER', amount: '300.00', dueDate: at(-3), paidAt: null }] });
          // Done when the line was re-decided from a score that saw the missed repayment: the
          // snapshot it was decided from is overdue and was scored after the event was sent
          // (whether or not the limits changed; a decision caused by anything else does not count).
          while (Date.now() - sent < 15_000) {
            const now = await latestDecision(gateway.url, token, probe.id);
            if (now.overdue && now.decidedFrom >= sent) {
              latencies.push(Date.now() - sent);
              seen.set(probe.id, Date.now() - sent);
              return;
            }
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        } catch (err) {
          errors.push((err as Error).message);
        }
        missed += 1;
      }),
    );
    const background = await load;
    // A probe not re-decided within the 15 s window counts as slower than every measured one.
    const sorted = [...latencies, ...Array.from({ length: missed }, () => Infinity)].sort((a, b) => a - b);
    const retries = await eventRetries(Object.values(databases));
    const stages = await eventStages(
      { behaviour: dbUrl(databases['behaviour-analytics']!), scoring: dbUrl(databases['credit-scoring']!), limits: dbUrl(databases['limit-allocation']!) },
      sentAt.map((p) => ({ ...p, seenMs: seen.get(p.id) ?? null })),
    );
    await subgraphs.stop();
    return {
      probes: PROBES,
      missed,
      errors: [...new Set(errors)],
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      maxMs: latencies.length > 0 ? Math.max(...latencies) : NaN,
      /** Offered while the probes ran; every batch was accepted, the last ones `drainSeconds` after the window. */
      backgroundEventsPerSecond: Math.round(background.sent / background.sendSeconds),
      backgroundDrainSeconds: Number(background.drainSeconds.toFixed(2)),
      backgroundBatchesFailed: background.failed,
      targetEventsPerSecond: RATE,
      retries,
      stages,
    };
  } finally {
    await stopAll();
    await dropDatabases(Object.values(databases));
    const nc = await connect({ servers: NATS_URL });
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
    await nc.close();
  }
}

/** Relay throughput from a PostgreSQL outbox to JetStream, and the raw publish of the same messages. */
async function measureRelay(): Promise<Record<string, unknown>> {
  const name = scratch('relay');
  await createDatabases([name]);
  const database = await openCreditScoringDatabase(dbUrl(name));
  const stream = `JC_BENCH_RELAY_${process.pid}`;
  const bus = await NatsJetStreamBus.connect({ servers: NATS_URL, stream, subjectPrefix: stream });
  try {
    const now = new Date();
    const events: EventEnvelope[] = Array.from({ length: RELAY_EVENTS }, (_, i) =>
      newEvent('utilisation.recorded', 'bench', { customerId: `c_${i.toString(16).padStart(16, '0')}`, utilisationId: randomUUID(), product: 'PAY_LATER', amount: 100 + i, occurredAt: now.toISOString(), merchantCategory: null, channel: null }, now),
    );
    await database.dataSource.transaction((m) => enqueueEvents(m, events, now));
    log(`relay: ${RELAY_EVENTS.toLocaleString('en')} outbox rows → JetStream ...`);
    const relay = new OutboxRelay({ dataSource: database.dataSource, bus, batchSize: RELAY_BATCH });
    let relayed = 0;
    const relayStarted = process.hrtime.bigint();
    for (let n = await relay.runOnce(); n > 0; n = await relay.runOnce()) relayed += n;
    const relaySeconds = Number(process.hrtime.bigint() - relayStarted) / 1e9;

    log(`anchor: raw JetStream publish of the same messages, ${RELAY_BATCH} at a time ...`);
    const nc = await connect({ servers: NATS_URL });
    const js = jetstream(nc);
    const rawStarted = process.hrtime.bigint();
    for (let i = 0; i < events.length; i += RELAY_BATCH) {
      await Promise.all(events.slice(i, i + RELAY_BATCH).map((event) => js.publish(`${stream}.raw.${event.type}`, JSON.stringify(event), { msgID: `raw-${event.id}` })));
    }
    const rawSeconds = Number(process.hrtime.bigint() - rawStarted) / 1e9;
    await nc.close();
    return {
      events: RELAY_EVENTS,
      relayed,
      relayPerSecond: Math.round(relayed / relaySeconds),
      rawPublishPerSecond: Math.round(RELAY_EVENTS / rawSeconds),
      relayShareOfRaw: relayed / relaySeconds / (RELAY_EVENTS / rawSeconds),
    };
  } finally {
    await bus.deleteStream();
    await bus.close();
    await database.close();
    await dropDatabases([name]);
  }
}

async function main(): Promise<void> {
  const relay = await measureRelay();
  const latency = await measureLatency();
  printTable('event → limit visible through the gateway (process-per-app, PostgreSQL, NATS)', ['probes', 'missed', 'p50 ms', 'p95 ms', 'max ms', 'background events/s'], [
    [String(latency.probes), String(latency.missed), String(latency.p50Ms), String(latency.p95Ms), String(latency.maxMs), `${latency.backgroundEventsPerSecond} (target ${RATE}; last batch answered ${latency.backgroundDrainSeconds} s after)`],
  ]);
  const stages = latency.stages as Awaited<ReturnType<typeof eventStages>>;
  const row = (name: string, st: { n: number; p50: number; p95: number; max: number }) => [name, String(st.n), String(st.p50), String(st.p95), String(st.max)];
  printTable('where the time goes (ms; relay = written → claimed by the relay, queue = claimed → consumer transaction started, apply = started → next event written)', ['stage', 'n', 'p50', 'p95', 'max'], [
    ...Object.entries(stages.probes).map(([name, st]) => row(`probe ${name}`, st)),
    ...Object.entries(stages.behaviourToScoring).map(([name, st]) => row(`all behaviour.updated ${name}`, st)),
    ...Object.entries(stages.scoringToLimits).map(([name, st]) => row(`all score.changed ${name}`, st)),
  ]);
  printTable('outbox relay → JetStream, beside a raw publish of the same messages', ['events', 'relay/s', 'raw publish/s (anchor)', 'relay / anchor'], [
    [String(relay.events), String(relay.relayPerSecond), String(relay.rawPublishPerSecond), `${((relay.relayShareOfRaw as number) * 100).toFixed(0)}%`],
  ]);
  const summary = [
    `event → limit p50 ${latency.p50Ms} ms, p95 ${latency.p95Ms} ms (target p95 < 1000 ms) at ${latency.backgroundEventsPerSecond} background events/s offered (${latency.backgroundBatchesFailed} batches failed, drained ${latency.backgroundDrainSeconds} s after); ${latency.missed} of ${latency.probes} probes missed`,
    `relay ${relay.relayPerSecond}/s vs raw JetStream publish ${relay.rawPublishPerSecond}/s (${((relay.relayShareOfRaw as number) * 100).toFixed(0)}%)`,
  ];
  const path = writeResults('event-latency', { latency, relay, summary });
  log(`results written to ${path}`);
}

main().catch(async (err) => {
  console.error(err);
  await stopAll();
  process.exit(1);
});
