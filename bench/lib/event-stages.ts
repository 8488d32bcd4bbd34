import { Client } from 'pg';

/**
 * Where an event → limit chain spends its time, read back from the services' outbox and inbox
 * tables after a run (all processes share the machine's clock):
 *
 *   ingest        probe sent → behaviour.updated written (behaviour-analytics, probes only)
 *   relay         outbox row written → claimed by the relay for publishing (includes the commit)
 *   queue         claimed by the relay → the consumer's transaction started (bus + waiting behind earlier batches)
 *   apply         consumer's transaction started → the event it announces written (handler time)
 *
 * per hop: behaviour.updated (analytics → scoring) and score.changed (scoring → limits).
 */

interface Published {
  id: string;
  customer: string;
  created: number;
  published: number | null;
}

const SCORING_CONSUMER = 'credit-scoring.behaviour';
const LIMITS_CONSUMER = 'limit-allocation.scores';

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const outbox = (url: string, type: string) =>
  query<Published>(
    url,
    `SELECT id, (envelope::jsonb)->'payload'->>'customerId' AS customer, extract(epoch FROM created_at) * 1000 AS created,
            extract(epoch FROM published_at) * 1000 AS published
       FROM event_outbox WHERE type = $1`,
    [type],
  ).then((rows) => rows.map((r) => ({ ...r, created: Number(r.created), published: r.published === null ? null : Number(r.published) })));

const inbox = async (url: string, consumer: string): Promise<Map<string, number>> =>
  new Map(
    (await query<{ event_id: string; processed: string }>(url, `SELECT event_id, extract(epoch FROM processed_at) * 1000 AS processed FROM event_inbox WHERE consumer = $1`, [consumer])).map((r) => [
      r.event_id,
      Number(r.processed),
    ]),
  );

function summary(values: number[]): { n: number; p50: number; p95: number; max: number } {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN);
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: Math.round(sorted.at(-1) ?? NaN) };
}

/** Per customer, the times its consumed events started applying, ascending. */
function startsByCustomer(upstream: Published[], processed: Map<string, number>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const e of upstream) {
    const t = processed.get(e.id);
    if (t !== undefined) out.set(e.customer, [...(out.get(e.customer) ?? []), t]);
  }
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

/** The latest start of the customer's consumption at or before `t`: the transaction that wrote the output. */
const startBefore = (starts: number[] | undefined, t: number): number | undefined => starts?.filter((s) => s <= t).at(-1);

interface Hop {
  upstream: Published[];
  processed: Map<string, number>;
  downstream: Published[];
}

function hopStages(hop: Hop) {
  const starts = startsByCustomer(hop.upstream, hop.processed);
  return {
    relay: summary(hop.upstream.filter((e) => e.published !== null).map((e) => e.published! - e.created)),
    queue: summary(hop.upstream.flatMap((e) => (hop.processed.has(e.id) && e.published !== null ? [hop.processed.get(e.id)! - e.published] : []))),
    apply: summary(hop.downstream.flatMap((e) => {
      const start = startBefore(starts.get(e.customer), e.created);
      return start === undefined ? [] : [e.created - start];
    })),
  };
}

/** The first of the customer's events written at or after `t`. */
const firstAfter = (events: Published[], customer: string, t: number): Published | undefined =>
  events.filter((e) => e.customer === customer && e.created >= t).sort((a, b) => a.created - b.created)[0];

/**
 * When the consumer first started applying one of the customer's events written at or after
 * `since`: coalescing may fold an event into a later one of the same customer, which then counts.
 */
const firstStart = (hop: Hop, customer: string, since: number): number | undefined =>
  hop.upstream.filter((e) => e.customer === customer && e.created >= since).map((e) => hop.processed.get(e.id)).filter((t): t is number => t !== undefined).sort((x, y) => x - y)[0];

/** A hop of the chain and what its stages are called in a probe's record. */
interface NamedHop {
  hop: Hop;
  names: [relay: string, queue: string, apply: string];
}

/** The stages one probe went through, in ms; stages it never reached are absent. */
function probeStages(probe: { id: string; sent: number }, hops: NamedHop[]): Record<string, number> {
  const out: Record<string, number> = {};
  let event = firstAfter(hops[0]!.hop.upstream, probe.id, probe.sent);
  if (event) out.ingest = event.created - probe.sent;
  for (const { hop, names: [relay, queue, apply] } of hops) {
    if (!event || event.published === null) break;
    out[relay] = event.published - event.created;
    const start = firstStart(hop, probe.id, event.created);
    if (start === undefined) break;
    out[queue] = start - event.published;
    event = firstAfter(hop.downstream, probe.id, start);
    if (event) out[apply] = event.created - start;
  }
  return out;
}

export async function eventStages(urls: { behaviour: string; scoring: string; limits: string }, probes: Array<{ id: string; sent: number; seenMs: number | null }>) {
  const [behaviourUpdated, scoresChanged, limitsChanged, scoringInbox, limitsInbox] = await Promise.all([
    outbox(urls.behaviour, 'behaviour.updated'),
    outbox(urls.scoring, 'score.changed'),
    outbox(urls.limits, 'limit.changed'),
    inbox(urls.scoring, SCORING_CONSUMER),
    inbox(urls.limits, LIMITS_CONSUMER),
  ]);
  const behaviour: Hop = { upstream: behaviourUpdated, processed: scoringInbox, downstream: scoresChanged };
  const scores: Hop = { upstream: scoresChanged, processed: limitsInbox, downstream: limitsChanged };
  const hops: NamedHop[] = [
    { hop: behaviour, names: ['behaviourRelay', 'scoringQueue', 'scoringApply'] },
    { hop: scores, names: ['scoreRelay', 'limitsQueue', 'limitsApply'] },
  ];
  const perProbe = probes.map((p) => probeStages(p, hops));
  const names = ['ingest', 'behaviourRelay', 'scoringQueue', 'scoringApply', 'scoreRelay', 'limitsQueue', 'limitsApply'];
  return {
    events: { behaviourUpdated: behaviourUpdated.length, scoreChanged: scoresChanged.length, limitChanged: limitsChanged.length },
    /** Every event of the run, per hop. */
    behaviourToScoring: hopStages(behaviour),
    scoringToLimits: hopStages(scores),
    /** The probes' own chains. */
    probes: Object.fromEntries(names.map((n) => [n, summary(perProbe.flatMap((p) => (p[n] === undefined ? [] : [p[n]!])))])),
    /** Each probe's stages beside the latency the gateway showed (null: not seen within the window). */
    probeChains: perProbe.map((stages, i) => ({ customer: probes[i]!.id, seenMs: probes[i]!.seenMs, ...stages })),
  };
}
