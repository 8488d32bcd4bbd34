export interface SimulationProgress {
  customersDone: number;
  customersTotal: number;
  transactions: number;
  repayments: number;
  elapsedMs: number;
  done: boolean;
}

export type ProgressListener = (progress: SimulationProgress) => void;

/** Counts what has been produced and reports at most every `intervalMs`, plus once at the end. */
export class ProgressCounter {
  customersDone = 0;
  transactions = 0;
  repayments = 0;
  private readonly startedAt = Date.now();
  private lastReport = Date.now();

  constructor(
    private readonly customersTotal: number,
    private readonly listener?: ProgressListener,
    private readonly intervalMs = 2000,
  ) {}

  add(transactions: number, repayments: number): void {
    this.customersDone++;
    this.transactions += transactions;
    this.repayments += repayments;
    if (this.listener && Date.now() - this.lastReport >= this.intervalMs) {
      this.lastReport = Date.now();
      this.listener(this.snapshot(false));
    }
  }

  finish(): SimulationProgress {
    const final = this.snapshot(true);
    this.listener?.(final);
    return final;
  }

  private snapshot(done: boolean): SimulationProgress {
    return {
      customersDone: this.customersDone,
      customersTotal: this.customersTotal,
      transactions: this.transactions,
      repayments: this.repayments,
      elapsedMs: Date.now() - this.startedAt,
      done,
    };
  }
}

export function formatProgress(p: SimulationProgress): string {
  const pct = p.customersTotal === 0 ? 100 : Math.floor((100 * p.customersDone) / p.customersTotal);
  return (
    `simulate: ${p.customersDone}/${p.customersTotal} customers (${pct}%), ` +
    `${p.transactions} transactions, ${p.repayments} repayments, ${(p.elapsedMs / 1000).toFixed(1)}s${p.done ? ', done' : ''}`
  );
}
