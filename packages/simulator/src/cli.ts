// Entry point of `npm run simulate`; the logic lives in run-cli.ts so that importing the package never runs it.
import { runCli } from './run-cli';

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
