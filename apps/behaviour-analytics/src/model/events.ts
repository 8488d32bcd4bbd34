import {
  CHANNELS,
  CUSTOMER_ID_PATTERN,
  isMinor,
  isOneOf,
  MAX_EVENTS_PER_CALL,
  MERCHANT_CATEGORIES,
  PRODUCTS,
  TRANSACTION_PRODUCTS,
  type Minor,
  type RepaymentEvent,
  type TransactionEvent,
} from '@jc/domain';

export { MERCHANT_CATEGORIES, type MerchantCategory, type RepaymentEvent, type TransactionEvent } from '@jc/domain';

/** Keeps one request's validation, insert and derivation inside a bounded amount of work. */
export const MAX_BATCH = MAX_EVENTS_PER_CALL;
/** Clocks of event sources drift; more than this ahead of ours is a broken source, not drift. */
export const MAX_FUTURE_MS = 86_400_000;
/** A repayment may be made ahead of its due date, but not for a statement this far off. */
export const MAX_DUE_AHEAD_MS = 62 * 86_400_000;
/**
 * CNY 10 million. A larger single purchase or repayment is far outside consumer credit, and the cap
 * keeps every per-customer sum well inside the Money range however many events arrive.
 */
export const MAX_EVENT_AMOUNT: Minor = 1_000_000_000;
/** Older events predate the platform; accepting them would only hide a unit or epoch mistake. */
export const EARLIEST_EVENT = new Date('2000-01-01T00:00:00Z');
const EVENT_ID = /^[\x21-\x7e]{1,128}$/;

export interface EventProblem {
  path: string;
  reason: string;
}

const isInstant = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());

class Problems {
  readonly items: EventProblem[] = [];
  check(ok: boolean, path: string, reason: string): void {
    if (!ok) this.items.push({ path, reason });
  }
  /** For the per-item checks, called only on failure: spelling out 10,000 items' paths up front costs more than the checks. */
  fail(index: number, field: string, reason: string): void {
    this.items.push({ path: `input[${index}].${field}`, reason });
  }
}

function checkBatch<T extends { eventId: string }>(events: readonly T[], problems: Problems, checkItem: (e: T, index: number) => void): void {
  problems.check(events.length >= 1, 'input', 'must hold at least one event');
  if (events.length > MAX_BATCH) {
    // The items are not examined: the batch is refused as a whole.
    problems.check(false, 'input', `holds ${events.length} events; at most ${MAX_BATCH} per call`);
    return;
  }
  const firstIndex = new Map<string, number>();
  events.forEach((event, index) => {
    checkItem(event, index);
    const seen = firstIndex.get(event.eventId);
    if (seen !== undefined) problems.check(false, `input[${index}].eventId`, `duplicates input[${seen}].eventId in the same batch`);
    else firstIndex.set(event.eventId, index);
  });
}

function checkCommon(e: { eventId: unknown; customerId: unknown; amount: unknown }, index: number, problems: Problems): void {
  if (!(typeof e.eventId === 'string' && EVENT_ID.test(e.eventId))) problems.fail(index, 'eventId', 'must be 1 to 128 printable characters without spaces');
  if (!(typeof e.customerId === 'string' && CUSTOMER_ID_PATTERN.test(e.customerId))) problems.fail(index, 'customerId', 'must look like c_ followed by 16 hex digits');
  if (!(isMinor(e.amount) && e.amount > 0 && e.amount <= MAX_EVENT_AMOUNT)) problems.fail(index, 'amount', 'must be greater than zero and at most 10000000.00');
}

const EARLIEST_MS = EARLIEST_EVENT.getTime();

function checkInstant(value: unknown, latest: number, index: number, field: string, problems: Problems, latestReason: string): void {
  if (!isInstant(value)) return problems.fail(index, field, 'must be a valid instant');
  const at = value.getTime();
  if (at < EARLIEST_MS) problems.fail(index, field, `must not be before ${EARLIEST_EVENT.toISOString()}`);
  if (at > latest) problems.fail(index, field, latestReason);
}

/** Every problem of a batch of transactions, each naming the item; empty when it may be stored. */
export function transactionProblems(events: readonly TransactionEvent[], now: Date): EventProblem[] {
  const problems = new Problems();
  const latest = now.getTime() + MAX_FUTURE_MS;
  checkBatch(events, problems, (e, index) => {
    checkCommon(e, index, problems);
    if (!isOneOf(TRANSACTION_PRODUCTS, e.product)) problems.fail(index, 'product', `must be one of ${TRANSACTION_PRODUCTS.join(', ')}`);
    if (!isOneOf(MERCHANT_CATEGORIES, e.merchantCategory)) problems.fail(index, 'merchantCategory', 'is not a known merchant category');
    if (!isOneOf(CHANNELS, e.channel)) problems.fail(index, 'channel', `must be one of ${CHANNELS.join(', ')}`);
    checkInstant(e.occurredAt, latest, index, 'occurredAt', problems, 'is more than a day in the future');
  });
  return problems.items;
}

export function repaymentProblems(events: readonly RepaymentEvent[], now: Date): EventProblem[] {
  const problems = new Problems();
  const latest = now.getTime() + MAX_FUTURE_MS;
  checkBatch(events, problems, (e, index) => {
    checkCommon(e, index, problems);
    if (!isOneOf(PRODUCTS, e.product)) problems.fail(index, 'product', `must be one of ${PRODUCTS.join(', ')}`);
    if (e.paidAt === null) {
      // Not `latest`: the day of clock drift allowed for events would let a payment count as
      // missed a day before it fell due.
      checkInstant(e.dueDate, now.getTime(), index, 'dueDate', problems, 'of a missed payment cannot be in the future');
    } else {
      checkInstant(e.dueDate, now.getTime() + MAX_DUE_AHEAD_MS, index, 'dueDate', problems, 'is more than 62 days ahead');
      checkInstant(e.paidAt, latest, index, 'paidAt', problems, 'is more than a day in the future');
    }
  });
  return problems.items;
}
