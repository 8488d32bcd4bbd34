// Entry point of `npm run allocate`; the command itself is in allocate-command.ts.
import { runAllocate } from './allocate-command';

void runAllocate(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => {
  process.exitCode = code;
});
