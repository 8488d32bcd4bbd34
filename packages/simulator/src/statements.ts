import type { Minor, Product } from '@jc/domain';
import type { SimulatedCustomer } from './customers';
import { DAY_MS, firstDayOfMonth } from './dates';
import type { RepaymentEvent } from './events';
import { repaymentEventId } from './ids';
import type { Rng } from './random';

/** Statements are cut on the 1st of each month and due on the 21st. */
export const STATEMENT_DAY_OF_MONTH = 1;
export const DAYS_UNTIL_DUE = 20;
/** 0.05% a day, the usual consumer-credit rate, charged on balances carried past a statement. */
const MONTHLY_INTEREST = 0.015;
const MIN_PAYMENT_SHARE = 0.1;
const MIN_PAYMENT_FLOOR: Minor = 5_000;
const FREEZE_AFTER_DAYS = 90;
const CHARGE_OFF_AFTER_DAYS = 180;

export interface CustomerOutcome {
  /** Statement cycles in the range with something due. */
  statements: number;
  paidOnTime: number;
  paidLate: number;
  missed: number;
  /** Worst days past due reached in the range (at the end of the range for an unpaid run). */
  maxDaysPastDue: number;
  /** Days past due at the end of the range; 0 when current. */
  daysPastDueAtEnd: number;
  /** When the customer reached 90 days past due; both credit lines stay frozen from then on. */
  frozenAt: Date | null;
  /** When 180 days past due ended the statements. */
  chargedOffAt: Date | null;
  /**
   * What the customer owes on each line at the end of the range: pay-later balance carried and
   * charged since the last statement, cash-loan principal not yet billed plus arrears.
   */
  owedAtEnd: { CASH_LOAN: Minor; PAY_LATER: Minor };
}

interface Loan {
  principal: Minor;
  instalmentsLeft: number;
}

type Mode = 'ON_TIME' | 'LATE' | 'MISS';

/**
 * The two credit balances of one customer and how the customer pays them. Whether a statement is
 * paid on time, late, partly or not at all follows the customer's latent annual default
 * probability: a run of missed payments starts with a monthly hazard chosen so that runs reaching
 * 90 days past due happen at roughly that annual rate, and each further statement may cure it.
 */
export class CreditAccount {
  private payLaterBalance: Minor = 0;
  private payLaterCharges: Minor = 0;
  private payLaterPastDue: Minor = 0;
  private loans: Loan[] = [];
  private cashArrears: Minor = 0;

  private inDefaultRun = false;
  private missedRun = 0;
  private firstMissedDueMs = 0;
  private lastPaidMs = 0;
  /** Credit use is suspended from a missed or late due date until payment; [start, end). */
  private suspensions: Array<[number, number]> = [];
  private frozenAtMs: number | null = null;
  private chargedOffAtMs: number | null = null;

  private readonly outcome = { statements: 0, paidOnTime: 0, paidLate: 0, missed: 0, maxDaysPastDue: 0 };
  private readonly runHazard: number;
  private readonly isolatedMiss: number;
  private readonly latePayment: number;

  constructor(
    private readonly customer: SimulatedCustomer,
    private readonly hexId: string,
    private readonly toMs: number,
  ) {
    const pd = customer.latentAnnualPd;
    const cure = customer.behaviour.cureProbability;
    const monthly = 1 - (1 - pd) ** (1 / 12);
    // A run reaches 90+ days only if the next two statements do not cure it.
    this.runHazard = Math.min(0.9, monthly / (1 - cure) ** 2);
    this.isolatedMiss = Math.min(0.15, 0.003 + 0.25 * pd);
    this.latePayment = Math.min(0.35, 0.02 + 0.8 * pd);
  }

  isSuspended(atMs: number): boolean {
    if (this.frozenAtMs !== null && atMs >= this.frozenAtMs) return true;
    for (const [start, end] of this.suspensions) if (atMs >= start && atMs < end) return true;
    return false;
  }

  get frozen(): boolean {
    return this.frozenAtMs !== null;
  }

  chargePayLater(amount: Minor): void {
    this.payLaterCharges += amount;
  }

  drawCash(amount: Minor, term: number): void {
    this.loans.push({ principal: amount, instalmentsLeft: term });
  }

  /** Cuts the statement of `monthIndex` and decides how it is paid; returns records due before the range end. */
  statement(monthIndex: number, rng: Rng): RepaymentEvent[] {
    if (this.chargedOffAtMs !== null) return [];
    const statementMs = (firstDayOfMonth(monthIndex) + STATEMENT_DAY_OF_MONTH - 1) * DAY_MS;
    const dueMs = statementMs + DAYS_UNTIL_DUE * DAY_MS;
    if (dueMs >= this.toMs) return [];
    if (this.missedRun > 0 && statementMs - this.firstMissedDueMs >= CHARGE_OFF_AFTER_DAYS * DAY_MS) {
      this.chargedOffAtMs = this.firstMissedDueMs + CHARGE_OFF_AFTER_DAYS * DAY_MS;
      this.frozenAtMs ??= this.firstMissedDueMs + FREEZE_AFTER_DAYS * DAY_MS;
      return [];
    }

    const carried = this.payLaterBalance;
    const payLaterBill = carried + Math.round(carried * MONTHLY_INTEREST) + this.payLaterCharges;
    this.payLaterCharges = 0;
    const payLaterMinimum =
      payLaterBill <= 0
        ? 0
        : Math.min(payLaterBill, Math.max(Math.round(payLaterBill * MIN_PAYMENT_SHARE), MIN_PAYMENT_FLOOR) + this.payLaterPastDue);

    let cashDue = this.cashArrears + Math.round(this.cashArrears * MONTHLY_INTEREST);
    for (const loan of this.loans) {
      const principalPart = Math.ceil(loan.principal / loan.instalmentsLeft);
      cashDue += principalPart + Math.round(loan.principal * MONTHLY_INTEREST);
      loan.principal -= principalPart;
      loan.instalmentsLeft -= 1;
    }
    this.loans = this.loans.filter((loan) => loan.instalmentsLeft > 0 && loan.principal > 0);
    if (payLaterBill <= 0 && cashDue <= 0) return [];

    this.outcome.statements++;
    let mode = this.decide(rng);
    let paidMs = 0;
    if (mode === 'ON_TIME') {
      paidMs = Math.max(statementMs + 3_600_000, dueMs + DAY_MS - 1000 - Math.floor(rng.next() * 12 * DAY_MS));
    } else if (mode === 'LATE') {
      // Mostly a few days, sometimes past 30.
      const lateDays = Math.min(59, 1 + Math.floor(-Math.log(1 - rng.next()) * 7));
      paidMs = dueMs + lateDays * DAY_MS + Math.floor(rng.next() * DAY_MS);
    }
    // A payment settles the oldest amount first, so none comes before the previous statement's
    // late payment: this one is made with it, and is late itself if that is past this due day.
    if (mode !== 'MISS' && paidMs < this.lastPaidMs) {
      paidMs = this.lastPaidMs;
      if (paidMs >= dueMs + DAY_MS) mode = 'LATE';
    }
    const revolve = rng.bernoulli(this.customer.behaviour.revolveProbability);
    if (mode !== 'MISS' && paidMs >= this.toMs) mode = 'MISS';
    if (mode !== 'MISS') this.lastPaidMs = paidMs;

    let payLaterPaid: Minor = 0;
    if (mode !== 'MISS' && payLaterBill > 0) {
      payLaterPaid = revolve ? payLaterMinimum + Math.floor(rng.next() * (payLaterBill - payLaterMinimum)) : payLaterBill;
    }
    this.payLaterBalance = payLaterBill - payLaterPaid;
    this.payLaterPastDue = mode === 'MISS' ? payLaterMinimum : 0;
    this.cashArrears = mode === 'MISS' ? cashDue : 0;
    this.track(mode, dueMs, paidMs);

    const records: RepaymentEvent[] = [];
    const record = (product: Product, due: Minor, paid: Minor): void => {
      records.push({
        eventId: repaymentEventId(this.hexId, monthIndex, product),
        customerId: this.customer.id,
        product,
        amount: mode === 'MISS' ? due : paid,
        dueDate: new Date(dueMs),
        paidAt: mode === 'MISS' ? null : new Date(paidMs),
      });
    };
    if (payLaterBill > 0) record('PAY_LATER', payLaterMinimum, payLaterPaid);
    if (cashDue > 0) record('CASH_LOAN', cashDue, cashDue);
    return records;
  }

  private decide(rng: Rng): Mode {
    const u = rng.next();
    if (this.inDefaultRun) {
      const cure = this.customer.behaviour.cureProbability * (this.frozen ? 0.5 : 1);
      if (u < cure) {
        this.inDefaultRun = false;
        return rng.bernoulli(0.5) ? 'ON_TIME' : 'LATE';
      }
      return 'MISS';
    }
    if (u < this.runHazard) {
      this.inDefaultRun = true;
      return 'MISS';
    }
    const v = rng.next();
    if (v < this.isolatedMiss) return 'MISS';
    if (v < this.isolatedMiss + this.latePayment) return 'LATE';
    return 'ON_TIME';
  }

  private track(mode: Mode, dueMs: number, paidMs: number): void {
    if (mode === 'MISS') {
      this.outcome.missed++;
      if (this.missedRun === 0) {
        this.firstMissedDueMs = dueMs;
        this.suspensions.push([dueMs, Number.POSITIVE_INFINITY]);
      }
      this.missedRun++;
      return;
    }
    if (paidMs < dueMs + DAY_MS) this.outcome.paidOnTime++;
    else this.outcome.paidLate++;
    const overdueSince = this.missedRun > 0 ? this.firstMissedDueMs : dueMs;
    const daysPastDue = Math.max(0, Math.floor((paidMs - overdueSince) / DAY_MS));
    this.outcome.maxDaysPastDue = Math.max(this.outcome.maxDaysPastDue, daysPastDue);
    if (this.missedRun > 0) {
      this.closeSuspension(paidMs);
      if (daysPastDue >= FREEZE_AFTER_DAYS && this.frozenAtMs === null) this.frozenAtMs = this.firstMissedDueMs + FREEZE_AFTER_DAYS * DAY_MS;
      this.missedRun = 0;
    } else if (daysPastDue > 0) {
      this.suspensions.push([dueMs, paidMs]);
    }
    // Old intervals can never matter again: months are simulated in order.
    if (this.suspensions.length > 4) this.suspensions = this.suspensions.slice(-4);
  }

  private closeSuspension(atMs: number): void {
    const open = this.suspensions.find(([, end]) => end === Number.POSITIVE_INFINITY);
    if (open) open[1] = atMs;
  }

  /** Settles an unpaid run at the end of the range and returns the outcome. */
  finish(): CustomerOutcome {
    let daysPastDueAtEnd = 0;
    if (this.missedRun > 0) {
      daysPastDueAtEnd = Math.floor((this.toMs - this.firstMissedDueMs) / DAY_MS);
      this.outcome.maxDaysPastDue = Math.max(this.outcome.maxDaysPastDue, daysPastDueAtEnd);
      if (daysPastDueAtEnd >= FREEZE_AFTER_DAYS && this.frozenAtMs === null) {
        this.frozenAtMs = this.firstMissedDueMs + FREEZE_AFTER_DAYS * DAY_MS;
      }
    }
    return {
      ...this.outcome,
      daysPastDueAtEnd,
      frozenAt: this.frozenAtMs === null ? null : new Date(this.frozenAtMs),
      chargedOffAt: this.chargedOffAtMs === null ? null : new Date(this.chargedOffAtMs),
      owedAtEnd: {
        CASH_LOAN: this.cashArrears + this.loans.reduce((sum, loan) => sum + loan.principal, 0),
        PAY_LATER: this.payLaterBalance + this.payLaterCharges,
      },
    };
  }
}
