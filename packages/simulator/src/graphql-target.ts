import { formatMoney } from '@jc/domain';
import type { RepaymentEvent, TransactionEvent } from './events';
import { simulateActivities, type PortfolioOptions } from './portfolio';
import { ProgressCounter, type ProgressListener, type SimulationProgress } from './progress';

/** GraphQL wire shapes: Money as a decimal string in yuan, DateTime as an ISO string. */
export interface TransactionInput {
  eventId: string;
  customerId: string;
  product: string;
  amount: string;
  merchantCategory: string;
  channel: string;
  occurredAt: string;
}

export interface RepaymentInput {
  eventId: string;
  customerId: string;
  product: string;
  amount: string;
  dueDate: string;
  paidAt: string | null;
}

export function toTransactionInput(t: TransactionEvent): TransactionInput {
  return {
    eventId: t.eventId,
    customerId: t.customerId,
    product: t.product,
    amount: formatMoney(t.amount),
    merchantCategory: t.merchantCategory,
    channel: t.channel,
    occurredAt: t.occurredAt.toISOString(),
  };
}

export function toRepaymentInput(r: RepaymentEvent): RepaymentInput {
  return {
    eventId: r.eventId,
    customerId: r.customerId,
    product: r.product,
    amount: formatMoney(r.amount),
    dueDate: r.dueDate.toISOString(),
    paidAt: r.paidAt ? r.paidAt.toISOString() : null,
  };
}

export function recordMutation(field: 'recordTransactions' | 'recordRepayments', selection = ''): string {
  const inputType = field === 'recordTransactions' ? 'TransactionInput' : 'RepaymentInput';
  const name = field[0]!.toUpperCase() + field.slice(1);
  return `mutation ${name}($input: [${inputType}!]!) { ${field}(input: $input)${selection ? ` ${selection}` : ''} }`;
}

export class GraphqlTargetError extends Error {
  override readonly name = 'GraphqlTargetError';
}

export interface GraphqlTargetOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** Sent as "Authorization: Bearer <token>". */
  token?: string;
  /** Events per mutation; default 10,000. */
  batchSize?: number;
  /**
   * Selection set after each mutation field, e.g. "{ accepted }", for when the mutations return an
   * object type. Empty (the default) suits a scalar result such as Int.
   */
  selection?: string;
  /** Extra attempts after a network error, 429 or 5xx; default 3. GraphQL errors are not retried. */
  retries?: number;
  retryDelayMs?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

interface GraphqlResponse {
  errors?: Array<{ message?: string }>;
}

function parseGraphqlResponse(text: string): GraphqlResponse | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as GraphqlResponse) : null;
  } catch {
    return null;
  }
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Collects events into batches and posts each full batch as one mutation, one request at a time,
 * so a slow gateway slows the generator down instead of letting requests pile up.
 */
export class GraphqlBatchSender {
  readonly batchSize: number;
  requests = 0;
  sentTransactions = 0;
  sentRepayments = 0;
  private transactions: TransactionInput[] = [];
  private repayments: RepaymentInput[] = [];
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: GraphqlTargetOptions) {
    this.batchSize = options.batchSize ?? 10_000;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError('batchSize must be a whole number >= 1');
    this.fetchImpl = options.fetch ?? fetch;
  }

  async addTransaction(t: TransactionEvent): Promise<void> {
    this.transactions.push(toTransactionInput(t));
    if (this.transactions.length >= this.batchSize) await this.flushTransactions();
  }

  async addRepayment(r: RepaymentEvent): Promise<void> {
    this.repayments.push(toRepaymentInput(r));
    if (this.repayments.length >= this.batchSize) await this.flushRepayments();
  }

  async flush(): Promise<void> {
    await this.flushTransactions();
    await this.flushRepayments();
  }

  private async flushTransactions(): Promise<void> {
    if (this.transactions.length === 0) return;
    const batch = this.transactions;
    this.transactions = [];
    await this.post('recordTransactions', batch);
    this.sentTransactions += batch.length;
  }

  private async flushRepayments(): Promise<void> {
    if (this.repayments.length === 0) return;
    const batch = this.repayments;
    this.repayments = [];
    await this.post('recordRepayments', batch);
    this.sentRepayments += batch.length;
  }

  private async post(field: 'recordTransactions' | 'recordRepayments', input: unknown[]): Promise<void> {
    const body = JSON.stringify({ query: recordMutation(field, this.options.selection), variables: { input } });
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    const retries = this.options.retries ?? 3;
    const what = `${field} batch of ${input.length}`;
    for (let attempt = 0; ; attempt++) {
      this.requests++;
      let response: Response;
      try {
        response = await this.fetchImpl(this.options.url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 120_000),
        });
      } catch (err) {
        if (attempt < retries) {
          await sleep((this.options.retryDelayMs ?? 250) * 2 ** attempt);
          continue;
        }
        throw new GraphqlTargetError(`${what} could not reach ${this.options.url}: ${(err as Error).message}`);
      }
      const text = await response.text();
      if (RETRYABLE_STATUS.has(response.status) && attempt < retries) {
        await sleep((this.options.retryDelayMs ?? 250) * 2 ** attempt);
        continue;
      }
      const payload = parseGraphqlResponse(text);
      if (!response.ok || payload === null) {
        throw new GraphqlTargetError(`${what} failed: HTTP ${response.status} ${text.slice(0, 300)}`);
      }
      if (payload.errors && payload.errors.length > 0) {
        const messages = payload.errors.slice(0, 3).map((e) => e.message ?? 'unknown error');
        throw new GraphqlTargetError(`${what} was rejected: ${messages.join('; ')}`);
      }
      return;
    }
  }
}

export interface SendSimulationOptions extends PortfolioOptions, GraphqlTargetOptions {
  onProgress?: ProgressListener;
  progressIntervalMs?: number;
}

export interface SendSimulationResult {
  progress: SimulationProgress;
  requests: number;
}

/** Streams a simulation to a gateway's recordTransactions / recordRepayments mutations. */
export async function sendSimulation(options: SendSimulationOptions): Promise<SendSimulationResult> {
  const { activities } = simulateActivities(options);
  const sender = new GraphqlBatchSender(options);
  const progress = new ProgressCounter(options.customers, options.onProgress, options.progressIntervalMs);
  for (const activity of activities) {
    for (const t of activity.transactions) await sender.addTransaction(t);
    for (const r of activity.repayments) await sender.addRepayment(r);
    progress.add(activity.transactions.length, activity.repayments.length);
  }
  await sender.flush();
  return { progress: progress.finish(), requests: sender.requests };
}
