import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { creditScoringService } from '@jc/credit-scoring';
import { readServiceConfig } from '@jc/subgraph-kit';
import { startEmbeddedPlatform, type EmbeddedPlatformOptions } from '../embedded-platform';

const secret = 'embedded-platform-test-secret-0123456789abcdef';
// Port 0 everywhere: the test never collides with a running platform.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  CREDIT_SCORING_PORT: '0',
  BEHAVIOUR_ANALYTICS_PORT: '0',
  LIMIT_ALLOCATION_PORT: '0',
  DEMO_CUSTOMERS: '12',
  DEMO_AS_OF: '2026-06-15',
  LOG_LEVEL: 'silent',
};

function options(dataRoot: string, extra: Partial<EmbeddedPlatformOptions> = {}): EmbeddedPlatformOptions {
  return { dataRoot, seedDemo: true, internalSecret: secret, gatewayPort: 0, env, ...extra };
}

async function scoringCounts(dataRoot: string): Promise<{ customers: number; scores: number }> {
  const config = readServiceConfig(0, { ...env, PORT: '0', INTERNAL_AUTH_SECRET: secret, DATA_DIR: join(dataRoot, 'credit-scoring') });
  const database = await creditScoringService.openDatabase(config);
  try {
    const [{ n: customers }] = await database.dataSource.query('SELECT count(*)::int AS n FROM customers');
    const [{ n: scores }] = await database.dataSource.query('SELECT count(*)::int AS n FROM credit_scores');
    return { customers, scores };
  } finally {
    await database.close();
  }
}

describe('the embedded platform on a data directory', () => {
  let dataRoot: string;
  beforeEach(() => {
    dataRoot = mkdtempSync(join(tmpdir(), 'embedded-platform-test-'));
  });
  afterEach(() => rmSync(dataRoot, { recursive: true, force: true }));

  it('seeds again a service whose first seed was interrupted, rather than keep it half-seeded', async () => {
    // The first start dies in the middle of the credit-scoring seed: only part of the population
    // is stored (as when Ctrl-C or a crash ends `npm start` while it seeds).
    const interrupted = {
      ...creditScoringService,
      async seedDemo(...[database, config, logger]: Parameters<NonNullable<typeof creditScoringService.seedDemo>>) {
        await creditScoringService.seedDemo!(database, { ...config, demoCustomers: 3 }, logger);
        throw new Error('interrupted while seeding');
      },
    };
    await expect(startEmbeddedPlatform(options(dataRoot, { services: { 'credit-scoring': interrupted } }))).rejects.toThrow('interrupted while seeding');
    const half = await scoringCounts(dataRoot);
    expect(half.customers).toBe(3);

    const platform = await startEmbeddedPlatform(options(dataRoot));
    await platform.stop();
    const reseeded = await scoringCounts(dataRoot);
    expect(reseeded.customers).toBe(12);
    expect(reseeded.scores).toBeGreaterThanOrEqual(12);
  });

  it('keeps the data of a completed seed on the next start', async () => {
    const first = await startEmbeddedPlatform(options(dataRoot));
    await first.stop();
    expect((await scoringCounts(dataRoot)).customers).toBe(12);

    // A later start with a larger population must neither reseed nor discard anything.
    const second = await startEmbeddedPlatform(options(dataRoot, { env: { ...env, DEMO_CUSTOMERS: '20' } }));
    await second.stop();
    expect((await scoringCounts(dataRoot)).customers).toBe(12);
  });
});
