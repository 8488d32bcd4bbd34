import { join } from 'node:path';
import { Launcher, root } from './launcher';

/**
 * `npm start`: the whole platform on the embedded default. Each subgraph has its own PGlite
 * database under .data/<service>/, seeded once with the reproducible demo population.
 */
const launcher = new Launcher();
console.log('Starting Joint Credit on the embedded default (PGlite per service under .data/) ...');
launcher
  .startPlatform((name) => ({
    DATABASE_URL: '',
    DATA_DIR: join(root, '.data', name),
    SEED_DEMO: process.env.SEED_DEMO ?? 'true',
  }))
  .catch((err) => launcher.fail(err));
