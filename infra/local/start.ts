import { join } from 'node:path';
import { startEmbeddedPlatform } from './embedded-platform';
import { assertPortsFree, gatewayPort, Launcher, platformPorts, root } from './launcher';

/**
 * `npm start`: the whole platform on the embedded default. The subgraphs and the gateway run in
 * this process on one in-process event bus, each subgraph with its own PGlite database under
 * JC_DATA_DIR (default .data/), seeded once with the reproducible demo population; the console
 * is served by a process of its own.
 */
const launcher = new Launcher();

async function main(): Promise<void> {
  const started = Date.now();
  const dataRoot = process.env.JC_DATA_DIR ?? join(root, '.data');
  await assertPortsFree(platformPorts(), process.env.HOST ?? '127.0.0.1');
  console.log(`Starting Joint Credit on the embedded default (PGlite per service under ${dataRoot}) ...`);
  const platform = await startEmbeddedPlatform({
    dataRoot,
    seedDemo: (process.env.SEED_DEMO ?? 'true') === 'true',
    internalSecret: launcher.internalSecret,
    gatewayPort: gatewayPort(),
  });
  launcher.onStop(() => platform.stop());
  console.log(`\nJoint Credit gateway: ${platform.gatewayUrl}  (ready in ${((Date.now() - started) / 1000).toFixed(1)}s; Ctrl-C to stop)`);
  console.log('A development token for it: npm run token -- --role ANALYST   (or --role CUSTOMER --customer <id>)');
  await launcher.startConsole(platform.gatewayUrl);
}

main().catch((err) => launcher.fail(err));
