import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { CustomerActivity } from './activity';
import type { RepaymentEvent, TransactionEvent } from './events';
import { simulateActivities, type PortfolioOptions } from './portfolio';
import { ProgressCounter, type ProgressListener, type SimulationProgress } from './progress';

export const OUTPUT_FILES = {
  customers: 'customers.ndjson',
  transactions: 'transactions.ndjson',
  repayments: 'repayments.ndjson',
} as const;

/**
 * The customers.ndjson line: the profile, the simulator's hidden truth (archetype, latent PD,
 * behaviour parameters) and the realised repayment outcome. Money is integer fen; dates are ISO
 * strings (JSON.stringify writes a Date as toISOString()).
 */
export function customerLine(activity: CustomerActivity): string {
  return JSON.stringify({ ...activity.customer, outcome: activity.outcome });
}

/**
 * Same text as JSON.stringify(t), written out by hand because this is the hot path of large runs;
 * every string field is an id or an enum code, so nothing needs escaping.
 */
export function transactionLine(t: TransactionEvent): string {
  return (
    `{"eventId":"${t.eventId}","customerId":"${t.customerId}","product":"${t.product}","amount":${t.amount},` +
    `"merchantCategory":"${t.merchantCategory}","channel":"${t.channel}","occurredAt":"${t.occurredAt.toISOString()}"}`
  );
}

export function repaymentLine(r: RepaymentEvent): string {
  const paidAt = r.paidAt ? `"${r.paidAt.toISOString()}"` : 'null';
  return (
    `{"eventId":"${r.eventId}","customerId":"${r.customerId}","product":"${r.product}","amount":${r.amount},` +
    `"dueDate":"${r.dueDate.toISOString()}","paidAt":${paidAt}}`
  );
}

/** Batches lines into large writes and waits for the stream to drain, so memory stays flat. */
class LineWriter {
  private buffer: string[] = [];
  private size = 0;
  private failure: Error | null = null;

  constructor(private readonly stream: WriteStream) {
    stream.on('error', (err) => {
      this.failure = err;
    });
  }

  /** Buffers a line; true when the buffer is large enough that the caller should flush. */
  push(line: string): boolean {
    this.buffer.push(line);
    this.size += line.length + 1;
    return this.size >= 1 << 20;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.buffer.length === 0) return;
    const chunk = `${this.buffer.join('\n')}\n`;
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await this.waitFor('drain');
  }

  async close(): Promise<void> {
    await this.flush();
    const finished = this.waitFor('finish');
    this.stream.end();
    await finished;
  }

  private waitFor(event: 'drain' | 'finish'): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => {
        this.stream.off(event, onDone);
        reject(err);
      };
      const onDone = (): void => {
        this.stream.off('error', onError);
        resolve();
      };
      this.stream.once(event, onDone);
      this.stream.once('error', onError);
    });
  }
}

export interface WriteFilesOptions extends PortfolioOptions {
  outDir: string;
  onProgress?: ProgressListener;
  progressIntervalMs?: number;
}

export interface WriteFilesResult {
  files: { customers: string; transactions: string; repayments: string };
  progress: SimulationProgress;
}

/** Streams a simulation into the three NDJSON files in `outDir` (created if missing). */
export async function writeSimulationFiles(options: WriteFilesOptions): Promise<WriteFilesResult> {
  const { activities } = simulateActivities(options);
  mkdirSync(options.outDir, { recursive: true });
  const files = {
    customers: join(options.outDir, OUTPUT_FILES.customers),
    transactions: join(options.outDir, OUTPUT_FILES.transactions),
    repayments: join(options.outDir, OUTPUT_FILES.repayments),
  };
  const customers = new LineWriter(createWriteStream(files.customers));
  const transactions = new LineWriter(createWriteStream(files.transactions));
  const repayments = new LineWriter(createWriteStream(files.repayments));
  const progress = new ProgressCounter(options.customers, options.onProgress, options.progressIntervalMs);
  try {
    for (const activity of activities) {
      if (customers.push(customerLine(activity))) await customers.flush();
      for (const t of activity.transactions) if (transactions.push(transactionLine(t))) await transactions.flush();
      for (const r of activity.repayments) if (repayments.push(repaymentLine(r))) await repayments.flush();
      progress.add(activity.transactions.length, activity.repayments.length);
    }
  } finally {
    await Promise.all([customers.close(), transactions.close(), repayments.close()]);
  }
  return { files, progress: progress.finish() };
}
