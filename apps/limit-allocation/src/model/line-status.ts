import { isCustomerId, type LineStatus } from '@jc/domain';

export type StatusChange = 'FREEZE' | 'UNFREEZE' | 'CLOSE';

export interface StatusRule {
  to: LineStatus;
  /** The statuses the change may start from; anything else is a CONFLICT. */
  from: readonly LineStatus[];
  /** Closing leaves nobody owing or waiting on a line that can no longer move. */
  requiresNothingOutstanding: boolean;
}

export const STATUS_RULES: Record<StatusChange, StatusRule> = {
  FREEZE: { to: 'FROZEN', from: ['ACTIVE'], requiresNothingOutstanding: false },
  UNFREEZE: { to: 'ACTIVE', from: ['FROZEN'], requiresNothingOutstanding: false },
  CLOSE: { to: 'CLOSED', from: ['ACTIVE', 'FROZEN'], requiresNothingOutstanding: true },
};

export const MAX_REASONS = 10;
export const MAX_REASON_LENGTH = 200;

export interface StatusChangeRequest {
  customerId: string;
  reasons: readonly string[];
}

export function statusChangeProblems(r: StatusChangeRequest): { path: string; reason: string }[] {
  const problems: { path: string; reason: string }[] = [];
  if (!isCustomerId(r.customerId)) problems.push({ path: 'customerId', reason: 'not a customer id' });
  if (r.reasons.length === 0 || r.reasons.length > MAX_REASONS) problems.push({ path: 'reasons', reason: `must list 1 to ${MAX_REASONS} reasons` });
  r.reasons.forEach((text, i) => {
    const t = text.trim();
    if (t.length === 0 || t.length > MAX_REASON_LENGTH) problems.push({ path: `reasons.${i}`, reason: `must be 1 to ${MAX_REASON_LENGTH} characters` });
  });
  return problems;
}

/** Why a change found nothing to do, from the line as it stands after the guarded statement refused. */
export function statusRefusal(change: StatusChange, status: LineStatus, outstanding: boolean): string {
  const rule = STATUS_RULES[change];
  if (!rule.from.includes(status)) return `the line is ${status}`;
  if (rule.requiresNothingOutstanding && outstanding) return 'the line still has a drawn balance or open holds';
  return 'the line changed meanwhile; try again';
}
