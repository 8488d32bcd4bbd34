import { resolveDataDir } from './data-dir';
import { startEmbeddedPlatform } from './embedded-platform';
import { assertPortsFree, gatewayPort, Launcher, platformPorts, root } from './launcher';
import { INTERRUPTED_EXIT_CODE, seedInterruptedMessage } from './seed-interrupt';
import { SeedProgress } from './seed-progress';

/**
 * `npm start`: the whole platform on the embedded default. The subgraphs and the gateway run in
 * this process on one in-process event bus, each subgraph with its own PGlite database under
 * JC_DATA_DIR (default .data/), seeded once with the reproducible demo population; the console
 * is served by a process of its own.
 *
 * package.json runs it with `node --import tsx`, not the tsx command: that command kills its child
 * outright when a Ctrl-C is not acknowledged within a few tens of milliseconds, which a process busy
 * seeding cannot do, and the interrupted seed would end without a word.
 */
const launcher = new Launcher();

async function main(): Promise<void> {
  const started = Date.now();
  const dataRoot = resolveDataDir(process.env, root);
  await assertPortsFree(platformPorts(), process.env.HOST ?? '127.0.0.1');
  console.log('Starting Joint Credit on the embedded default (a PGlite database per service) ...');
  console.log(`  data directory: ${dataRoot}${process.env.JC_DATA_DIR?.trim() ? '' : '   (set JC_DATA_DIR to use another)'}`);
  const seeds = new SeedProgress();
  launcher.onInterrupt(() => {
    const underWay = seeds.underWay;
    return underWay.length > 0 ? { message: seedInterruptedMessage(underWay, dataRoot), code: INTERRUPTED_EXIT_CODE } : undefined;
  });
  const platform = await startEmbeddedPlatform({
    dataRoot,
    seedDemo: (process.env.SEED_DEMO ?? 'true') === 'true',
    internalSecret: launcher.internalSecret,
    gatewayPort: gatewayPort(),
    seedObserver: seeds,
  });
  launcher.onStop(() => platform.stop());
  console.log(`\nJoint Credit gateway: ${platform.gatewayUrl}  (ready in ${((Date.now() - started) / 1000).toFixed(1)}s; Ctrl-C to stop)`);
  console.log('A development token for it: npm run token -- --role ANALYST   (or --role CUSTOMER --customer <id>)');
  await launcher.startConsole(platform.gatewayUrl);
}

main().catch((err) => launcher.fail(err));
