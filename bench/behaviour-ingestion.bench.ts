/**
 * Sustained event ingestion of behaviour-analytics with features, stages and statement aggregates
 * kept current inside each batch, and behaviour.updated enqueued in the same transaction for every
 * customer whose behaviour changed materially, beside its anchor measured in the same run on the same database:
 * the very same rows stored raw into a table of the same shape (same keys and index), with no
 * validation and no derivation: COPY … FROM STDIN on PostgreSQL (BENCH_DATABASE_URL, e.g.
 * postgres://postgres@127.0.0.1:5432/postgres; a scratch database is created and dropped). On the
 * embedded PGlite default, whose socket server does not implement the COPY FROM STDIN sub-protocol,
 * the anchor is the rawest bulk statement it does take: one INSERT … SELECT FROM unnest per batch.
 *
 *   direct   the subgraph's GraphQL layer in process (parse, @access, validation, bulk insert, derive)
 *   gateway  the same mutation over HTTP through our gateway in front of the three subgraphs
 *   anchor   COPY (PostgreSQL) or raw INSERT … unnest (PGlite) of the same rows, same batch sizes
 *
 * Slices of the simulated events alternate between the direct path and the anchor, so background
 * load hits both alike. Freshness: derivation commits with the batch, so the features of every
 * customer in a batch are current when its call returns; the figure is the batch latency.
 * Freshness at smaller batches: BENCH_BATCH=1000 (the gateway path keeps 10,000-event batches).
 * Run: node --import tsx bench/behaviour-ingestion.bench.ts
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { fixedClock } from '@jc/domain';
import { simulateActivities, toTransactionInput, type TransactionEvent } from '@jc/simulator';
import { createLogger, TEST_INTERNAL_SECRET, testPrincipals } from '@jc/subgraph-kit';
import { createBehaviourAnalyticsServer, openBehaviourDatabase } from '../apps/behaviour-analytics/src';
import { analystToken } from './lib/auth';
import { makeTempDir, removeTempDir, stopAll } from './lib/processes';
import { printTable, writeResults } from './lib/report';
import { startGateway, startSubgraphs } from './lib/stack';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000);
const MONTHS = 12;
/** BENCH_BATCH=1000 measures freshness at small batches (the gateway path keeps 10,000-event batches). */
const BATCH = Number(process.env.BENCH_BATCH ?? 10_000);
const GATEWAY_BATCH = 10_000;
const GATEWAY_BATCHES = 3;
const AS_OF = '2025-07-01T00:00:00Z';
const log = (line: string) => process.stdout.write(`[behaviour-ingestion] ${line}\n`);
const MUTATION = 'mutation ($input: [TransactionInput!]!) { recordTransactions(input: $input) }';

/** COPY FROM STDIN through pg's extended-query hooks: the rows go over the wire as one CSV stream. */
function copyIn(client: Client, sql: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed: Error | null = null;
    const submittable = {
      submit: (connection: { query(text: string): void }) => connection.query(sql),
      handleCopyInResponse: (connection: { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void }) => {
        connection.sendCopyFromChunk(Buffer.from(data));
        connection.endCopyFrom();
      },
      handleCommandComplete: () => undefined,
      handleError: (err: Error) => {
        failed = err;
        reject(err);
      },
      handleReadyForQuery: () => (failed ? reject(failed) : resolve()),
    };
    (client as unknown as { query(s: unknown): void }).query(submittable);
  });
}

const csvLine = (t: TransactionEvent) =>
  `${t.eventId},${t.customerId},${t.product},${t.amount},${t.merchantCategory},${t.channel},${t.occurredAt.toISOString()}\n`;

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
const rate = (events: number, ms: number) => Math.round((events / ms) * 1000);

async function main(): Promise<void> {
  log(`simulating ${CUSTOMERS.toLocaleString('en')} customers × ${MONTHS} months ...`);
  const { activities } = simulateActivities({ seed: 'bench-ingestion', customers: CUSTOMERS, months: MONTHS, asOf: AS_OF.slice(0, 10) });
  const events: TransactionEvent[] = [];
  for (const a of activities) for (const t of a.transactions) events.push(t);
  // Time order, as a live stream would deliver them.
  events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const gatewayEvents = events.splice(events.length - GATEWAY_BATCHES * GATEWAY_BATCH);
  log(`${events.length.toLocaleString('en')} transactions for direct/anchor, ${gatewayEvents.length.toLocaleString('en')} for the gateway`);

  const dir = makeTempDir('jc-bench-behaviour');
  const pgUrl = process.env.BENCH_DATABASE_URL;
  let scratchUrl: string | undefined;
  if (pgUrl) {
    const name = `bench_behaviour_${process.pid}`;
    const admin = new Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    scratchUrl = url.toString();
  }
  const engine = pgUrl ? 'PostgreSQL' : 'PGlite over the wire protocol';
  const anchorName = pgUrl ? 'anchor: raw COPY FROM STDIN' : 'anchor: raw INSERT … unnest';
  log(`database: ${engine}; anchor: ${anchorName.slice(8)}`);
  const database = await openBehaviourDatabase(scratchUrl, join(dir, 'pglite'));
  const server = await createBehaviourAnalyticsServer({
    database,
    internalSecret: TEST_INTERNAL_SECRET,
    clock: fixedClock(AS_OF),
    logger: createLogger('bench', 'warn'),
  });
  await database.dataSource.query(`CREATE TABLE copy_anchor (LIKE transactions INCLUDING ALL)`);

  const direct = { events: 0, ms: 0, latencies: [] as number[] };
  const anchor = { events: 0, ms: 0 };
  {
    for (let i = 0, n = 0; i < events.length; i += BATCH, n++) {
      const batch = events.slice(i, i + BATCH);
      const input = batch.map(toTransactionInput);
      const csv = batch.map(csvLine).join('');
      // Alternate which goes first so neither always meets a warmer cache.
      const runDirect = async () => {
        const started = performance.now();
        const res = await server.execute({ query: MUTATION, variables: { input } }, testPrincipals.service);
        const ms = performance.now() - started;
        if (res.errors || res.data?.recordTransactions !== batch.length) throw new Error(`direct batch ${n} failed: ${JSON.stringify(res.errors ?? res.data)}`);
        direct.events += batch.length;
        direct.ms += ms;
        direct.latencies.push(ms);
      };
      const runAnchor = async () => {
        // The embedded pool holds a single connection, so the anchor borrows it only for its batch.
        const runner = database.dataSource.createQueryRunner();
        const client = (await runner.connect()) as Client;
        const started = performance.now();
        if (pgUrl) {
          await copyIn(client, `COPY copy_anchor (event_id, customer_id, product, amount, merchant_category, channel, occurred_at) FROM STDIN WITH (FORMAT csv)`, csv);
        } else {
          await client.query(
            `INSERT INTO copy_anchor (event_id, customer_id, product, amount, merchant_category, channel, occurred_at)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::timestamptz[])`,
            [batch.map((t) => t.eventId), batch.map((t) => t.customerId), batch.map((t) => t.product), batch.map((t) => t.amount),
              batch.map((t) => t.merchantCategory), batch.map((t) => t.channel), batch.map((t) => t.occurredAt.toISOString())],
          );
        }
        anchor.ms += performance.now() - started;
        anchor.events += batch.length;
        await runner.release();
      };
      if (n % 2 === 0) {
        await runDirect();
        await runAnchor();
      } else {
        await runAnchor();
        await runDirect();
      }
      if (BATCH >= 5_000 || n % 20 === 0) log(`batch ${n + 1}/${Math.ceil(events.length / BATCH)}: direct ${rate(direct.events, direct.ms)} ev/s, anchor ${rate(anchor.events, anchor.ms)} ev/s`);
    }
  }

  // Freshness check: a customer's stored 365-day count equals a recount of the raw rows.
  const [sample] = await database.dataSource.query(`SELECT customer_id FROM transactions GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
  const [{ n: recount }] = await database.dataSource.query(
    `SELECT count(*)::int AS n FROM transactions WHERE customer_id = $1 AND occurred_at > $2::timestamptz - interval '365 days' AND occurred_at <= $2::timestamptz`,
    [sample.customer_id, AS_OF],
  );
  const [{ n: stored }] = await database.dataSource.query(
    `SELECT (w->>'transactionCount')::int AS n FROM behaviour_profiles, jsonb_array_elements(windows) w WHERE customer_id = $1 AND (w->>'days')::int = 365`,
    [sample.customer_id],
  );
  if (recount !== stored) throw new Error(`features are stale: stored ${stored}, recount ${recount}`);
  log(`features current: customer ${sample.customer_id} has ${stored} transactions in its 365-day window, as a recount of the raw rows says`);
  const [{ n: announced }] = await database.dataSource.query(`SELECT count(*)::int AS n FROM event_outbox WHERE type = 'behaviour.updated'`);
  log(`behaviour.updated enqueued with the batches: ${announced} (${Math.round(announced / Math.ceil(events.length / BATCH))} per batch)`);
  // Closing the embedded database here leaves a promise nothing keeps alive, which would end the
  // process early; it is closed after the gateway path instead.
  if (pgUrl) {
    const admin = new Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS bench_behaviour_${process.pid} WITH (FORCE)`);
    await admin.end();
  }

  log('starting the stack for the gateway path ...');
  const subgraphs = await startSubgraphs({ demoCustomers: 0 });
  // A 10,000-event batch is about 1.5 MB; the gateway's default body limit (100 kB) would refuse it.
  const gateway = await startGateway(subgraphs, { env: { REQUEST_BODY_LIMIT_BYTES: '4000000' } });
  const token = await analystToken(3600, 'ADMIN');
  const viaGateway = { events: 0, ms: 0, latencies: [] as number[] };
  for (let i = 0; i < gatewayEvents.length; i += GATEWAY_BATCH) {
    const input = gatewayEvents.slice(i, i + GATEWAY_BATCH).map(toTransactionInput);
    const started = performance.now();
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': randomUUID() },
      body: JSON.stringify({ query: MUTATION, variables: { input } }),
    });
    const body = (await response.json()) as { data?: { recordTransactions?: number }; errors?: unknown[] };
    const ms = performance.now() - started;
    if (body.errors || body.data?.recordTransactions !== input.length) throw new Error(`gateway batch failed: ${JSON.stringify(body.errors ?? body.data).slice(0, 400)}`);
    viaGateway.events += input.length;
    viaGateway.ms += ms;
    viaGateway.latencies.push(ms);
    log(`gateway batch ${i / GATEWAY_BATCH + 1}/${Math.ceil(gatewayEvents.length / GATEWAY_BATCH)}: ${rate(viaGateway.events, viaGateway.ms)} ev/s`);
  }
  await gateway.process.stop();
  await subgraphs.stop();
  void database.close().finally(() => removeTempDir(dir));

  const anchorRate = rate(anchor.events, anchor.ms);
  const rows = [
    { path: anchorName, events: anchor.events, perSec: anchorRate, p50: null, max: null },
    { path: 'direct (subgraph, in process)', events: direct.events, perSec: rate(direct.events, direct.ms), p50: percentile(direct.latencies, 0.5), max: Math.max(...direct.latencies) },
    { path: 'through the gateway (HTTP)', events: viaGateway.events, perSec: rate(viaGateway.events, viaGateway.ms), p50: percentile(viaGateway.latencies, 0.5), max: Math.max(...viaGateway.latencies) },
  ];
  printTable(
    `ingestion of ${BATCH.toLocaleString('en')}-event batches, features and statements current at return (${engine}; gateway path on PGlite)`,
    ['path', 'events', 'events/s', 'vs anchor', 'batch p50 ms', 'batch max ms'],
    rows.map((r) => [r.path, String(r.events), String(r.perSec), `${((r.perSec / anchorRate) * 100).toFixed(0)}%`, r.p50 === null ? '-' : r.p50.toFixed(0), r.max === null ? '-' : r.max.toFixed(0)]),
  );
  const directShare = rows[1]!.perSec / anchorRate;
  // One file per engine and batch size, so a PostgreSQL run does not overwrite the PGlite default.
  const path = writeResults(`behaviour-ingestion${pgUrl ? '-postgres' : ''}${BATCH === 10_000 ? '' : `-batch${BATCH}`}`, {
    database: engine,
    anchor: anchorName,
    customers: CUSTOMERS,
    months: MONTHS,
    batchSize: BATCH,
    rows,
    behaviourUpdatedEnqueued: announced,
    target: { directShareOfCopy: 0.5, freshWithinMs: 1000 },
    summary: [
      `direct ${rows[1]!.perSec} ev/s = ${(directShare * 100).toFixed(0)}% of the ${anchorName.slice(8)} anchor ${anchorRate} ev/s on ${engine} (target ≥ 50% of COPY)`,
      `gateway ${rows[2]!.perSec} ev/s; features current when each batch returns (direct batch p50 ${rows[1]!.p50?.toFixed(0)} ms, max ${rows[1]!.max?.toFixed(0)} ms)`,
      `${announced} behaviour.updated enqueued in the batches' transactions (${Math.round(announced / Math.ceil(events.length / BATCH))} per batch)`,
    ],
  });
  log(`wrote ${path}`);
}

main()
  .catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
