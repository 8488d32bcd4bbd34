/**
 * Authorisations per second on the limit-allocation subgraph, in one run, on PostgreSQL:
 *
 *   anchor    the guarded hold statement itself (UtilisationRepository.placeHold, the same SQL text)
 *             run straight against PostgreSQL through a pg pool of the subgraph's size
 *   direct    the `authorize` mutation served by the subgraph (signed identity headers): validation,
 *             the same guarded statement plus the idempotency key's claim, as one prepared
 *             statement on the subgraph's pool (known keys and declines take a short transaction),
 *             the GraphQL answer
 *   gateway   the same mutation through our gateway (JWT)
 *
 * each over two workloads: "spread" draws on 10,000 lines at random, "hot" on one line. Every request
 * carries a fresh idempotency key and an amount of 0.01 to 1.00 CNY, so nothing is deduplicated and
 * no line runs out during the run. Targets are measured in interleaved slices (anchor, direct,
 * gateway, ...), so background load hits them alike. At the end every line is checked against its
 * limits: the over-limit count must be 0.
 *
 * Run: npm run bench -- --only limit-authorisation   (or node --import tsx bench/limit-authorisation.bench.ts)
 * Env: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres; a fresh database is created
 *      and dropped), BENCH_DURATION_SEC (6 per target), BENCH_WARMUP_SEC (3), BENCH_CONNECTIONS (20),
 *      BENCH_ROUNDS (2), BENCH_LINES (10000).
 */
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { signIdentity } from '@jc/auth';
import type { EntityManager } from 'typeorm';
import { UtilisationRepository } from '../apps/limit-allocation/src/db/utilisation-repository';
import { signDevToken } from '../apps/gateway/src/auth/jwt';
import { readAuthConfig } from '../apps/gateway/src/config';
import { stopAll } from './lib/processes';
import { printTable, writeResults } from './lib/report';
import { startGateway, startSubgraphs, type Subgraphs } from './lib/stack';

const NAME = 'limit-authorisation';
const envInt = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
};
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION = envInt('BENCH_DURATION_SEC', 6);
const WARMUP = envInt('BENCH_WARMUP_SEC', 3);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 20);
const ROUNDS = Math.max(1, envInt('BENCH_ROUNDS', 2));
const LINES = Math.max(1, envInt('BENCH_LINES', 10_000));
/** The subgraph's pg pool size on PostgreSQL (subgraph-kit's default); the anchor gets the same. */
const POOL = 10;
const HOT = 'c_00000000000f0001';

const log = (line: string) => process.stdout.write(`${line}\n`);
const lineId = (i: number) => `c_${(0xb00000 + i).toString(16).padStart(16, '0')}`;
const amountFen = () => 1 + Math.floor(Math.random() * 100);

interface Slice {
  latencies: number[];
  approved: number;
  declined: number;
  failed: number;
  seconds: number;
}

interface Target {
  label: string;
  workload: 'spread' | 'hot';
  kind: 'anchor' | 'direct' | 'gateway';
  /** One authorisation; resolves to whether it was approved, throws on any failure. */
  run(customerId: string): Promise<boolean>;
}

/** Closed loop: `connections` workers, each sending its next request when the last one answered. */
async function slice(target: Target, seconds: number): Promise<Slice> {
  const result: Slice = { latencies: [], approved: 0, declined: 0, failed: 0, seconds };
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const customerId = target.workload === 'hot' ? HOT : lineId(Math.floor(Math.random() * LINES));
        const started = performance.now();
        try {
          const approved = await target.run(customerId);
          result.latencies.push(performance.now() - started);
          if (approved) result.approved += 1;
          else result.declined += 1;
        } catch {
          result.failed += 1;
        }
      }
    }),
  );
  return result;
}

function graphqlTarget(label: string, workload: Target['workload'], kind: Target['kind'], url: string, headers: () => Record<string, string>): Target {
  const query = 'mutation ($i: AuthorizeInput!) { authorize(input: $i) { approved declineReason } }';
  return {
    label,
    workload,
    kind,
    async run(customerId) {
      const i = { customerId, product: Math.random() < 0.5 ? 'CASH_LOAN' : 'PAY_LATER', amount: (amountFen() / 100).toFixed(2), idempotencyKey: `b-${randomUUID()}` };
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers() }, body: JSON.stringify({ query, variables: { i } }) });
      const body = (await res.json()) as { data?: { authorize?: { approved: boolean } }; errors?: unknown[] };
      if (!res.ok || body.errors || !body.data?.authorize) throw new Error(JSON.stringify(body.errors ?? res.status));
      return body.data.authorize.approved;
    },
  };
}

function anchorTarget(label: string, workload: Target['workload'], pool: Pool): Target {
  const repo = new UtilisationRepository(null as never);
  // placeHold only calls query(sql, params): a pg pool answers that with the very same statement
  const manager = { query: async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rows } as unknown as EntityManager;
  return {
    label,
    workload,
    kind: 'anchor',
    async run(customerId) {
      const now = new Date();
      const request = { customerId, product: Math.random() < 0.5 ? ('CASH_LOAN' as const) : ('PAY_LATER' as const), amount: amountFen(), idempotencyKey: '' };
      const id = await repo.placeHold(manager, { holdId: `h_${randomUUID().replace(/-/g, '')}`, request, expiresAt: new Date(now.getTime() + 3_600_000), now });
      return id !== null;
    },
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summarise(slices: Slice[]) {
  const latencies = slices.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const seconds = slices.reduce((s, x) => s + x.seconds, 0);
  const answered = latencies.length;
  return {
    authorisationsPerSec: Math.round(answered / seconds),
    slicesPerSec: slices.map((s) => Math.round(s.latencies.length / s.seconds)),
    p50Ms: Number(percentile(latencies, 50).toFixed(2)),
    p99Ms: Number(percentile(latencies, 99).toFixed(2)),
    approved: slices.reduce((s, x) => s + x.approved, 0),
    declined: slices.reduce((s, x) => s + x.declined, 0),
    failed: slices.reduce((s, x) => s + x.failed, 0),
  };
}

async function seedLines(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // the joint limit sits at the per-person cap, so no run of 0.01 to 1.00 CNY draws exhausts a line
    await client.query(
      `INSERT INTO credit_lines (customer_id, status, tier, joint_limit, cash_loan_limit, pay_later_limit, joint_ceiling, cash_loan_ceiling, pay_later_ceiling, opened_at, updated_at)
       SELECT id, 'ACTIVE', 'STANDARD', 20000000, 15000000, 15000000, 20000000, 15000000, 15000000, now(), now()
       FROM (SELECT 'c_' || lpad(to_hex(${0xb00000} + i), 16, '0') AS id FROM generate_series(0, $1 - 1) AS i UNION ALL SELECT $2) ids`,
      [LINES, HOT],
    );
  } finally {
    await client.end();
  }
}

async function overLimit(pool: Pool): Promise<number> {
  const [row] = (
    await pool.query(`SELECT count(*)::int AS n FROM credit_lines
      WHERE cash_loan_used + cash_loan_held > cash_loan_limit OR pay_later_used + pay_later_held > pay_later_limit
         OR cash_loan_used + cash_loan_held + pay_later_used + pay_later_held > joint_limit`)
  ).rows;
  return row.n;
}

async function main(): Promise<void> {
  const dbName = `jc_bench_limits_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect().catch((err) => {
    throw new Error(`this benchmark needs PostgreSQL at BENCH_DATABASE_URL (${ADMIN_URL}): ${err.message}`);
  });
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${dbName}`;
  let subgraphs: Subgraphs | undefined;
  let pool: Pool | undefined;
  try {
    log(`limit-allocation on PostgreSQL (${dbName}), the other two subgraphs on PGlite`);
    subgraphs = await startSubgraphs({
      demoCustomers: 10,
      env: (name): Record<string, string> => (name === 'limit-allocation' ? { DATABASE_URL: dbUrl.toString(), SEED_DEMO: 'false' } : {}),
    });
    const { services, secret } = subgraphs;
    const gateway = await startGateway(subgraphs);

    log(`seeding ${LINES.toLocaleString('en')} lines and one hot line ...`);
    await seedLines(dbUrl.toString());
    pool = new Pool({ connectionString: dbUrl.toString(), max: POOL });

    let identity = { headers: {} as Record<string, string>, at: 0 };
    const direct = () => {
      if (Date.now() - identity.at > 20_000) {
        identity = { headers: signIdentity({ principal: { subject: 'bench', role: 'SERVICE' }, requestId: `bench-${randomUUID()}`, issuedAt: Date.now() }, secret), at: Date.now() };
      }
      return identity.headers;
    };
    const token = await signDevToken(readAuthConfig({}), { role: 'SERVICE', subject: 'bench', ttlSeconds: 3600 });
    const viaGateway = () => ({ authorization: `Bearer ${token}` });
    const laUrl = services['limit-allocation'].url;

    const targets: Target[] = [];
    for (const workload of ['spread', 'hot'] as const) {
      targets.push(anchorTarget(`${workload}: anchor (guarded SQL on PostgreSQL)`, workload, pool));
      targets.push(graphqlTarget(`${workload}: subgraph direct`, workload, 'direct', laUrl, direct));
      targets.push(graphqlTarget(`${workload}: through the gateway`, workload, 'gateway', gateway.url, viaGateway));
    }
    for (const t of targets) {
      const probe = await slice(t, 0.2);
      if (probe.failed > 0 || probe.approved === 0) throw new Error(`${t.label}: probe failed (${probe.failed} failures, ${probe.approved} approved)`);
    }
    log(`warming up ${WARMUP}s per target ...`);
    for (const t of targets) await slice(t, WARMUP);

    const slices = new Map<Target, Slice[]>(targets.map((t) => [t, []]));
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const t of targets) {
        const s = await slice(t, DURATION / ROUNDS);
        slices.get(t)!.push(s);
        log(`round ${round}/${ROUNDS} ${t.label}: ${Math.round(s.latencies.length / s.seconds)}/s (${s.failed} failed)`);
      }
    }

    const results = targets.map((t) => ({ label: t.label, workload: t.workload, kind: t.kind, ...summarise(slices.get(t)!) }));
    const anchorOf = (workload: string) => results.find((r) => r.workload === workload && r.kind === 'anchor')!;
    const withRatio = results.map((r) => ({ ...r, ofAnchor: Number((r.authorisationsPerSec / anchorOf(r.workload).authorisationsPerSec).toFixed(3)) }));
    const overLimitLines = await overLimit(pool);
    printTable(
      `authorisations, ${CONNECTIONS} connections, ${DURATION}s per target in ${ROUNDS} interleaved rounds; anchor measured in the same run`,
      ['target', 'auth/s', 'of anchor', 'p50 ms', 'p99 ms', 'approved', 'declined', 'failed'],
      withRatio.map((r) => [r.label, String(r.authorisationsPerSec), `${(r.ofAnchor * 100).toFixed(0)}%`, r.p50Ms.toFixed(2), r.p99Ms.toFixed(2), String(r.approved), String(r.declined), String(r.failed)]),
    );
    const directRatios = withRatio.filter((r) => r.kind === 'direct').map((r) => ({ workload: r.workload, ofAnchor: r.ofAnchor }));
    const targetMet = directRatios.every((r) => r.ofAnchor >= 0.6);
    log(`over-limit lines: ${overLimitLines} (must be 0)`);
    log(`subgraph direct vs anchor: ${directRatios.map((r) => `${r.workload} ${(r.ofAnchor * 100).toFixed(0)}%`).join(', ')} (target >= 60%: ${targetMet ? 'met' : 'NOT met'})`);
    const path = writeResults(NAME, {
      settings: { connections: CONNECTIONS, durationSec: DURATION, warmupSec: WARMUP, rounds: ROUNDS, lines: LINES, pool: POOL },
      targets: withRatio,
      overLimitLines,
      directOfAnchor: directRatios,
      targetMet,
      summary: [
        ...withRatio.map((r) => `${r.label}: ${r.authorisationsPerSec}/s (${(r.ofAnchor * 100).toFixed(0)}% of anchor), p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms`),
        `over-limit lines: ${overLimitLines}`,
        `target (direct >= 60% of anchor): ${targetMet ? 'met' : 'not met'}`,
      ],
    });
    log(`wrote ${path}`);
    if (overLimitLines > 0) process.exitCode = 1;
  } finally {
    await pool?.end();
    await subgraphs?.stop();
    await stopAll();
    const cleanup = new Client({ connectionString: ADMIN_URL });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await cleanup.end();
  }
}

main().catch(async (err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  await stopAll();
  process.exit(1);
});
