import { PeakCalendarError } from '@jc/domain';
import { CliUsageError, parseCliArgs, USAGE } from './cli-args';
import { DateArgumentError } from './dates';
import { GraphqlTargetError, sendSimulation } from './graphql-target';
import { writeSimulationFiles } from './ndjson-files';
import { formatProgress } from './progress';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Runs the simulator CLI; resolves to the process exit code (0 ok, 1 failure, 2 bad arguments). */
export async function runCli(argv: readonly string[], io: CliIo = process, progressIntervalMs = 2000): Promise<number> {
  let options;
  try {
    options = parseCliArgs(argv);
  } catch (err) {
    if (!(err instanceof CliUsageError)) throw err;
    io.stderr.write(`simulate: ${err.message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (options === null) {
    io.stdout.write(USAGE);
    return 0;
  }

  const onProgress = (p: Parameters<typeof formatProgress>[0]): void => {
    io.stderr.write(`${formatProgress(p)}\n`);
  };
  const common = { seed: options.seed, customers: options.customers, months: options.months, asOf: options.asOf, onProgress, progressIntervalMs };
  try {
    if (options.mode.kind === 'files') {
      io.stderr.write(`simulate: seed ${options.seed}, ${options.customers} customers, ${options.months} months to ${options.asOf} → ${options.mode.outDir}\n`);
      const { files } = await writeSimulationFiles({ ...common, outDir: options.mode.outDir });
      io.stderr.write(`simulate: wrote ${files.customers}, ${files.transactions}, ${files.repayments}\n`);
    } else {
      const { url, token, batchSize } = options.mode;
      io.stderr.write(`simulate: seed ${options.seed}, ${options.customers} customers, ${options.months} months to ${options.asOf} → ${url}\n`);
      const { requests } = await sendSimulation({ ...common, url, batchSize, ...(token ? { token } : {}) });
      io.stderr.write(`simulate: sent in ${requests} requests\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof PeakCalendarError || err instanceof DateArgumentError || err instanceof RangeError) {
      io.stderr.write(`simulate: ${err.message}\n`);
      return 2;
    }
    io.stderr.write(`simulate: ${err instanceof GraphqlTargetError ? err.message : String((err as Error)?.stack ?? err)}\n`);
    return 1;
  }
}
