import { isOneOf, LIFECYCLE_STAGES, PRODUCTS, RISK_GRADES, type LifecycleStage, type Product, type RiskGrade } from './enums';
import { isCustomerId } from './customer';
import { isMinor, type Minor } from './money';

/**
 * The platform's event contracts. Every event travels in one envelope; its payload's shape is
 * fixed by (type, version), and is validated when published and again when received, so a
 * producer bug cannot reach a consumer's state.
 */
export const EVENT_TYPES = ['behaviour.updated', 'score.changed', 'limit.changed', 'utilisation.recorded'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface MonthlyStatementSnapshot {
  /** First day of the statement month, YYYY-MM-DD. */
  month: string;
  limit: Minor;
  balance: Minor;
  repaid: Minor;
  /** -2 no use, -1 paid in full, 0 revolving, k = k months late. */
  status: number;
}

export interface BehaviourUpdatedV1 {
  customerId: string;
  lifecycleStage: LifecycleStage;
  previousStage: LifecycleStage | null;
  /** Most recent first; at most six. */
  statements: MonthlyStatementSnapshot[];
  onTimeRepaymentStreak: number;
  worstDaysPastDue: number;
  /** Days the oldest unpaid amount is past due now; 0 when nothing is overdue. */
  currentDaysPastDue: number;
  /** Spend over the last 365 days across both products: what the customer is worth to the platform. */
  behaviourValue: Minor;
  asOf: string;
}

/** The behaviour a score was computed from, carried on so limits decide from the same facts. */
export interface ScoredBehaviour {
  lifecycleStage: LifecycleStage;
  onTimeRepaymentStreak: number;
  currentDaysPastDue: number;
  behaviourValue: Minor;
  asOf: string;
}

export interface ScoreChangedV1 {
  customerId: string;
  score: number;
  probabilityOfDefault: number;
  grade: RiskGrade;
  reasonCodes: string[];
  modelVersion: string;
  scoredAt: string;
  /** Two-digit province code of the customer's region. */
  region: string;
  declaredIncome: Minor;
  /** Null when the customer has no behaviour yet (a score at onboarding). */
  behaviour: ScoredBehaviour | null;
}

export interface LimitChangedV1 {
  customerId: string;
  decisionId: string;
  jointLimit: Minor;
  cashLoanLimit: Minor;
  payLaterLimit: Minor;
  reasonCodes: string[];
  decidedAt: string;
}

export interface UtilisationRecordedV1 {
  customerId: string;
  /** The capture's id; behaviour analytics uses it as the transaction's eventId. */
  utilisationId: string;
  product: Product;
  amount: Minor;
  occurredAt: string;
  merchantCategory: string | null;
  channel: 'ONLINE' | 'OFFLINE' | null;
}

export interface EventPayloads {
  'behaviour.updated': BehaviourUpdatedV1;
  'score.changed': ScoreChangedV1;
  'limit.changed': LimitChangedV1;
  'utilisation.recorded': UtilisationRecordedV1;
}

export interface EventEnvelope<T extends EventType = EventType> {
  /** Unique per event; consumers deduplicate on it. */
  id: string;
  type: T;
  version: 1;
  source: string;
  occurredAt: string;
  payload: EventPayloads[T];
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const isInstant = (v: unknown) => typeof v === 'string' && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v));
const isCodeList = (v: unknown) => Array.isArray(v) && v.length <= 20 && v.every((c) => typeof c === 'string' && /^[A-Z0-9_]{1,64}$/.test(c));

type Check = (payload: Record<string, unknown>, problems: string[]) => void;

function need(problems: string[], ok: boolean, field: string, what: string): void {
  if (!ok) problems.push(`${field} ${what}`);
}

function scoredBehaviourProblems(value: unknown, problems: string[]): void {
  if (!value || typeof value !== 'object') {
    problems.push('behaviour must be an object or null');
    return;
  }
  const b = value as Record<string, unknown>;
  need(problems, isOneOf(LIFECYCLE_STAGES, b.lifecycleStage), 'behaviour.lifecycleStage', 'must be a lifecycle stage');
  for (const key of ['onTimeRepaymentStreak', 'currentDaysPastDue'] as const) need(problems, Number.isInteger(b[key]) && (b[key] as number) >= 0, `behaviour.${key}`, 'must be a whole number ≥ 0');
  need(problems, isMinor(b.behaviourValue) && (b.behaviourValue as number) >= 0, 'behaviour.behaviourValue', 'must be whole fen ≥ 0');
  need(problems, isInstant(b.asOf), 'behaviour.asOf', 'must be an ISO instant in UTC');
}

const CHECKS: Record<EventType, Check> = {
  'behaviour.updated': (p, problems) => {
    need(problems, isCustomerId(p.customerId), 'customerId', 'must be a customer id');
    need(problems, isOneOf(LIFECYCLE_STAGES, p.lifecycleStage), 'lifecycleStage', 'must be a lifecycle stage');
    need(problems, p.previousStage === null || isOneOf(LIFECYCLE_STAGES, p.previousStage), 'previousStage', 'must be a lifecycle stage or null');
    need(problems, Number.isInteger(p.onTimeRepaymentStreak) && (p.onTimeRepaymentStreak as number) >= 0, 'onTimeRepaymentStreak', 'must be a whole number ≥ 0');
    need(problems, Number.isInteger(p.worstDaysPastDue) && (p.worstDaysPastDue as number) >= 0, 'worstDaysPastDue', 'must be a whole number ≥ 0');
    need(problems, Number.isInteger(p.currentDaysPastDue) && (p.currentDaysPastDue as number) >= 0, 'currentDaysPastDue', 'must be a whole number ≥ 0');
    need(problems, isMinor(p.behaviourValue) && (p.behaviourValue as number) >= 0, 'behaviourValue', 'must be whole fen ≥ 0');
    need(problems, isInstant(p.asOf), 'asOf', 'must be an ISO instant in UTC');
    const statements = p.statements;
    if (!Array.isArray(statements) || statements.length > 6) {
      problems.push('statements must be a list of at most six months');
      return;
    }
    statements.forEach((s: Record<string, unknown>, i) => {
      need(problems, typeof s?.month === 'string' && /^\d{4}-\d{2}-01$/.test(s.month as string), `statements[${i}].month`, 'must be the first day of a month');
      for (const key of ['limit', 'balance', 'repaid'] as const) need(problems, isMinor(s?.[key]) && (s[key] as number) >= 0, `statements[${i}].${key}`, 'must be whole fen ≥ 0');
      need(problems, Number.isInteger(s?.status) && (s.status as number) >= -2 && (s.status as number) <= 12, `statements[${i}].status`, 'must be -2..12');
    });
  },
  'score.changed': (p, problems) => {
    need(problems, isCustomerId(p.customerId), 'customerId', 'must be a customer id');
    need(problems, Number.isInteger(p.score), 'score', 'must be a whole number');
    need(problems, typeof p.probabilityOfDefault === 'number' && p.probabilityOfDefault >= 0 && p.probabilityOfDefault <= 1, 'probabilityOfDefault', 'must be within [0, 1]');
    need(problems, isOneOf(RISK_GRADES, p.grade), 'grade', 'must be A–E');
    need(problems, isCodeList(p.reasonCodes), 'reasonCodes', 'must be a list of codes');
    need(problems, typeof p.modelVersion === 'string' && p.modelVersion.length > 0, 'modelVersion', 'must be given');
    need(problems, isInstant(p.scoredAt), 'scoredAt', 'must be an ISO instant in UTC');
    need(problems, typeof p.region === 'string' && /^\d{2}$/.test(p.region), 'region', 'must be a two-digit province code');
    need(problems, isMinor(p.declaredIncome) && (p.declaredIncome as number) >= 0, 'declaredIncome', 'must be whole fen ≥ 0');
    if (p.behaviour !== null) scoredBehaviourProblems(p.behaviour, problems);
  },
  'limit.changed': (p, problems) => {
    need(problems, isCustomerId(p.customerId), 'customerId', 'must be a customer id');
    need(problems, typeof p.decisionId === 'string' && p.decisionId.length > 0, 'decisionId', 'must be given');
    for (const key of ['jointLimit', 'cashLoanLimit', 'payLaterLimit'] as const) need(problems, isMinor(p[key]) && (p[key] as number) >= 0, key, 'must be whole fen ≥ 0');
    need(problems, isCodeList(p.reasonCodes), 'reasonCodes', 'must be a list of codes');
    need(problems, isInstant(p.decidedAt), 'decidedAt', 'must be an ISO instant in UTC');
  },
  'utilisation.recorded': (p, problems) => {
    need(problems, isCustomerId(p.customerId), 'customerId', 'must be a customer id');
    need(problems, typeof p.utilisationId === 'string' && p.utilisationId.length > 0 && p.utilisationId.length <= 100, 'utilisationId', 'must be given');
    need(problems, isOneOf(PRODUCTS, p.product), 'product', 'must be CASH_LOAN or PAY_LATER');
    need(problems, isMinor(p.amount) && (p.amount as number) > 0, 'amount', 'must be whole fen > 0');
    need(problems, isInstant(p.occurredAt), 'occurredAt', 'must be an ISO instant in UTC');
    need(problems, p.merchantCategory === null || typeof p.merchantCategory === 'string', 'merchantCategory', 'must be a string or null');
    need(problems, p.channel === null || p.channel === 'ONLINE' || p.channel === 'OFFLINE', 'channel', 'must be ONLINE, OFFLINE or null');
  },
};

/** Every reason the value is not a valid envelope of a known event type and version; empty when valid. */
export function eventProblems(value: unknown): string[] {
  if (!value || typeof value !== 'object') return ['event must be an object'];
  const e = value as Record<string, unknown>;
  const problems: string[] = [];
  need(problems, typeof e.id === 'string' && /^[\w-]{8,100}$/.test(e.id), 'id', 'must be an event id');
  need(problems, isOneOf(EVENT_TYPES, e.type), 'type', `must be one of ${EVENT_TYPES.join(', ')}`);
  need(problems, e.version === 1, 'version', 'must be 1');
  need(problems, typeof e.source === 'string' && e.source.length > 0, 'source', 'must be given');
  need(problems, isInstant(e.occurredAt), 'occurredAt', 'must be an ISO instant in UTC');
  if (problems.length > 0) return problems;
  if (!e.payload || typeof e.payload !== 'object') return ['payload must be an object'];
  CHECKS[e.type as EventType](e.payload as Record<string, unknown>, problems);
  return problems.map((p) => (p.startsWith('payload') ? p : `payload.${p}`));
}

export class EventContractError extends Error {
  override readonly name = 'EventContractError';
  constructor(readonly problems: string[]) {
    super(`invalid event: ${problems.join('; ')}`);
  }
}

export function assertEvent(value: unknown): EventEnvelope {
  const problems = eventProblems(value);
  if (problems.length > 0) throw new EventContractError(problems);
  return value as EventEnvelope;
}
