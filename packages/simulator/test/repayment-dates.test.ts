import { DAYS_UNTIL_DUE, STATEMENT_DAY_OF_MONTH } from '../src';
import { simulatePortfolio } from '../src/portfolio';

/**
 * The statement rule the README documents (cut on the 1st, due on the 21st, at 00:00 UTC of that
 * day, and payable all that day), checked over many seeds, history lengths and as-of days,
 * including month ends, a leap day and the days around the due day, where a UTC day-boundary
 * slip would put a due date or a missed payment a day late or after asOf.
 */
const DAY_MS = 86_400_000;
const AS_OF_DAYS = ['2024-02-29', '2024-03-01', '2024-12-31', '2025-01-01', '2025-03-20', '2025-03-21', '2025-03-22', '2025-04-30', '2025-07-01', '2025-08-31'];
const HISTORY_MONTHS = [1, 2, 7, 13];

it('dues every statement on the 21st of its month and dates nothing at or after asOf', () => {
  expect(STATEMENT_DAY_OF_MONTH + DAYS_UNTIL_DUE).toBe(21);
  const problems: string[] = [];
  let missed = 0;
  AS_OF_DAYS.forEach((asOf, i) => {
    for (const months of HISTORY_MONTHS) {
      const p = simulatePortfolio({ seed: `due-dates-${i}-${months}`, customers: 40, months, asOf });
      const end = p.asOf.getTime();
      for (const r of p.repayments) {
        const [, , label] = r.eventId.split('_');
        const due = Date.UTC(Number(label!.slice(0, 4)), Number(label!.slice(4)) - 1, STATEMENT_DAY_OF_MONTH + DAYS_UNTIL_DUE);
        const seen = `${asOf}/${months}m ${r.eventId} due ${r.dueDate.toISOString()} paid ${r.paidAt?.toISOString() ?? 'never'}`;
        if (r.dueDate.getTime() !== due) problems.push(`${seen}: not due on the 21st of its statement month`);
        if (r.paidAt !== null && r.paidAt.getTime() >= end) problems.push(`${seen}: paid at or after asOf`);
        if (r.paidAt === null) {
          missed += 1;
          // Missed means the whole due day went by unpaid before asOf.
          if (r.dueDate.getTime() + DAY_MS > end) problems.push(`${seen}: missed before its due day was over`);
        }
      }
      for (const t of p.transactions) if (t.occurredAt.getTime() >= end) problems.push(`${asOf}/${months}m ${t.eventId} at ${t.occurredAt.toISOString()}: at or after asOf`);
      for (const [id, o] of p.outcomes) {
        for (const at of [o.frozenAt, o.chargedOffAt]) if (at && at.getTime() > end) problems.push(`${asOf}/${months}m ${id}: outcome dated ${at.toISOString()}, after asOf`);
      }
    }
  });
  expect(problems.slice(0, 10)).toEqual([]);
  // Enough missed payments for the check to mean something.
  expect(missed).toBeGreaterThan(100);
});

it('never pays a statement before the one before it: a payment after a late one waits for it', () => {
  const p = simulatePortfolio({ seed: 'payment-order', customers: 1_500, months: 13, asOf: '2025-08-31' });
  const lastPaid = new Map<string, number>();
  const problems: string[] = [];
  let late = 0;
  // events come in due-date order per customer; a statement's products are paid together
  const paid = p.repayments.filter((r) => r.paidAt !== null).sort((a, b) => a.customerId.localeCompare(b.customerId) || a.dueDate.getTime() - b.dueDate.getTime());
  for (const r of paid) {
    const at = r.paidAt!.getTime();
    if (at >= r.dueDate.getTime() + DAY_MS) late += 1;
    const before = lastPaid.get(r.customerId);
    if (before !== undefined && at < before) problems.push(`${r.eventId} paid ${r.paidAt!.toISOString()}, before an earlier statement's payment at ${new Date(before).toISOString()}`);
    lastPaid.set(r.customerId, Math.max(before ?? 0, at));
  }
  expect(problems.slice(0, 5)).toEqual([]);
  expect(late).toBeGreaterThan(200);
});
