/**
 * Rescoring 100,000 stored customers through the database (read the statements, score with the
 * champion, append the scores) beside an anchor measured in the same run: a plain SELECT of the
 * same customer and statement rows in the same batches. The difference is what scoring and
 * writing the scores add on top of merely reading the inputs. Embedded PGlite by default;
 * TEST_DATABASE_URL=postgres://… runs it against PostgreSQL.
 * Run: node --import tsx bench/credit-scoring-rescore.bench.ts
 */
import { fixedClock } from '@jc/domain';
import { openCreditScoringTestDatabase, rescoreAll, scoringDeps } from '@jc/credit-scoring';
import { defaultModel } from '@jc/credit-scoring/src/model/default-model';
import { writeResults } from './lib/report';

const CUSTOMERS = Number(process.env.RESCORE_CUSTOMERS ?? 100_000);
const BATCH = 2000;
const ROUNDS = 2;
const log = (line: string) => process.stdout.write(`[rescore] ${line}\n`);

async function main(): Promise<void> {
  const database = await openCreditScoringTestDatabase();
  try {
    const ds = database.dataSource;
    const clock = fixedClock('2026-11-30T08:00:00Z');
    const deps = scoringDeps(database, clock);
    await deps.registry.ensureChampion(defaultModel(), clock.now());

    log(`${database.embedded ? 'embedded PGlite' : 'PostgreSQL'}; generating ${CUSTOMERS.toLocaleString('en')} customers with six statements each`);
    let t = performance.now();
    await ds.query('SELECT setseed(0.42)');
    await ds.query(
      `INSERT INTO customers (id, region, onboarded_at, declared_annual_income, birth_year, education)
       SELECT 'c_' || lpad(to_hex(i), 16, '0'), (ARRAY['11','31','44','51','33'])[1 + i % 5], '2024-01-01T00:00:00Z',
              (30000 + (random() * 300000)::int) * 100, 1960 + (random() * 45)::int,
              (ARRAY['GRADUATE','UNIVERSITY','HIGH_SCHOOL','OTHER'])[1 + (random() * 3)::int]
         FROM generate_series(1, $1) AS i`,
      [CUSTOMERS],
    );
    // A mix like the reference data: mostly current or paid in full, some revolving, a tail late.
    await ds.query(
      `INSERT INTO customer_statements (customer_id, month, credit_limit, balance, repaid, status)
       SELECT c.id, (date '2026-10-01' - make_interval(months => m))::date, c.lim,
              (c.lim * random() * 0.9)::bigint, (c.lim * random() * 0.2)::bigint,
              CASE WHEN r < 0.15 THEN -2 WHEN r < 0.45 THEN -1 WHEN r < 0.85 THEN 0 ELSE 1 + (random() * 3)::int END
         FROM (SELECT id, (10000 + (random() * 90000)::int) * 100 AS lim FROM customers) c
        CROSS JOIN generate_series(0, 5) AS m
        CROSS JOIN LATERAL (SELECT random() + m * 0 AS r) x`,
    );
    await ds.query('ANALYZE');
    log(`generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const anchorMs: number[] = [];
    const rescoreMs: number[] = [];
    let scored = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      t = performance.now();
      let after = '';
      let rows = 0;
      for (;;) {
        const customers: Array<{ id: string }> = await ds.query(
          'SELECT id, region, birth_year, education FROM customers WHERE id > $1 ORDER BY id LIMIT $2',
          [after, BATCH],
        );
        if (customers.length === 0) break;
        const statements = await ds.query(
          'SELECT customer_id, month, credit_limit, balance, repaid, status FROM customer_statements WHERE customer_id = ANY($1)',
          [customers.map((c) => c.id)],
        );
        rows += customers.length + statements.length;
        after = (customers.at(-1) as { id: string }).id;
      }
      anchorMs.push(performance.now() - t);
      log(`round ${round}: anchor (plain SELECT of ${rows.toLocaleString('en')} rows) ${(anchorMs.at(-1)! / 1000).toFixed(2)} s`);

      t = performance.now();
      let next = 20_000;
      const result = await rescoreAll(deps, {
        batchSize: BATCH,
        onProgress: (p) => {
          if (p.done >= next) {
            log(`  rescored ${p.done.toLocaleString('en')} / ${CUSTOMERS.toLocaleString('en')}`);
            next += 20_000;
          }
        },
      });
      rescoreMs.push(performance.now() - t);
      scored = result.scored;
      log(`round ${round}: rescore ${(rescoreMs.at(-1)! / 1000).toFixed(2)} s (${Math.round(scored / (rescoreMs.at(-1)! / 1000)).toLocaleString('en')} customers/s)`);
    }
    const best = (xs: number[]) => Math.min(...xs);
    const summary = [
      `rescore ${CUSTOMERS.toLocaleString('en')} stored customers: ${(best(rescoreMs) / 1000).toFixed(2)} s (${Math.round(CUSTOMERS / (best(rescoreMs) / 1000)).toLocaleString('en')}/s)`,
      `anchor plain SELECT of the same rows: ${(best(anchorMs) / 1000).toFixed(2)} s; rescoring takes ${(best(rescoreMs) / best(anchorMs)).toFixed(1)}x the anchor`,
    ];
    for (const line of summary) log(line);
    const path = writeResults('credit-scoring-rescore', {
      database: database.embedded ? 'embedded PGlite' : 'PostgreSQL',
      customers: CUSTOMERS,
      batchSize: BATCH,
      rounds: ROUNDS,
      anchorMs: anchorMs.map(Math.round),
      rescoreMs: rescoreMs.map(Math.round),
      scoredPerRound: scored,
      customersPerSecond: Math.round(CUSTOMERS / (best(rescoreMs) / 1000)),
      ratioToAnchor: Math.round((best(rescoreMs) / best(anchorMs)) * 10) / 10,
      summary,
    });
    log(`wrote ${path}`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
