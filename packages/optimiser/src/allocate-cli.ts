// Entry point of `npm run allocate`; the command itself is in allocate-command.ts.
import { runAllocate } from './allocate-command';
import { reportFailure, wantsStack } from './allocate-failure';

const io = { out: (l: string) => console.log(l), err: (l: string) => console.error(l) };
const withStack = wantsStack();

runAllocate(process.argv.slice(2), io, { withStack }).then(
  (code) => {
    process.exitCode = code;
  },
  // runAllocate reports its own failures; this only keeps a bug in that from ending in a raw trace
  (err: unknown) => {
    reportFailure(err, io, withStack);
    process.exitCode = 1;
  },
);
