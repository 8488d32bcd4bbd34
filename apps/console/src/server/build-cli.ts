import { buildSpa } from './spa-build';

buildSpa().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
