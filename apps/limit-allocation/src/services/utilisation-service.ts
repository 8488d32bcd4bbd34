import { formatMoney, type Clock, type Minor } from '@jc/domain';
import { badInput, InputProblems, notFound, conflict } from '@jc/subgraph-kit';
import type { CreditLineRepository } from '../db/credit-line-repository';
import type { UtilisationRepository } from '../db/utilisation-repository';
import { newHoldId } from '../model/ids';
import {
  authorizeProblems,
  captureProblems,
  declineReason,
  holdExpiry,
  isHoldId,
  repayProblems,
  type AuthorizationOutcome,
  type AuthorizeRequest,
  type HoldRecord,
  type RepayRequest,
} from '../model/utilisation';

function check(problems: { path: string; reason: string }[], message: string): void {
  const collected = new InputProblems();
  for (const p of problems) collected.add(`input.${p.path}`, p.reason);
  collected.throwIfAny(message);
}

/**
 * The steps of two-phase utilisation. Bad input fails before anything is written; a valid request
 * the line cannot grant is a declined outcome, remembered under its idempotency key like an approval.
 */
export class UtilisationService {
  constructor(
    private readonly lines: CreditLineRepository,
    private readonly moves: UtilisationRepository,
    private readonly clock: Clock,
    /** Called after a commit that enqueued events, so the relay sends them now rather than at its next poll. */
    private readonly published: () => void = () => {},
  ) {}

  async authorize(request: AuthorizeRequest, holdId: string = newHoldId()): Promise<AuthorizationOutcome> {
    check(authorizeProblems(request), 'Cannot authorize');
    const now = this.clock.now();
    const hold = { holdId, request, expiresAt: holdExpiry(now, request.expiresIn), now };
    // one statement in the common case; known keys, declines and collisions take the transactional way
    const placed = await this.moves.placeHoldWithKey(hold);
    if (placed) return { approved: true, holdId: placed };
    const result = await this.moves.once('authorize', request.idempotencyKey, request, now, async (m): Promise<AuthorizationOutcome> => {
      const retried = await this.moves.placeHold(m, hold);
      if (retried) return { approved: true, holdId: retried };
      const [view] = await this.lines.linesAt([request.customerId], now, m);
      if (!view) throw notFound(`Customer ${request.customerId} has no credit line`);
      return { approved: false, declineReason: declineReason(view, request.product) };
    });
    return result.fresh ? result.value : result.stored;
  }

  async capture(holdId: string, amount: Minor): Promise<HoldRecord> {
    check(captureProblems(holdId, amount), 'Cannot capture');
    const now = this.clock.now();
    if (await this.moves.capture(holdId, amount, now)) {
      this.published();
      return this.hold(holdId);
    }
    const hold = await this.hold(holdId);
    if (amount > hold.amount) throw badInput(`Cannot capture: input.amount: exceeds the hold of ${formatMoney(hold.amount)} CNY`, [{ path: 'input.amount', reason: 'exceeds the hold' }]);
    if (hold.status !== 'HELD') throw conflict(`Hold ${holdId} is already ${hold.status}`);
    throw conflict(`Hold ${holdId} expired at ${hold.expiresAt.toISOString()}`);
  }

  async release(holdId: string): Promise<HoldRecord> {
    check(isHoldId(holdId) ? [] : [{ path: 'holdId', reason: 'not a hold id' }], 'Cannot release');
    if (await this.moves.release(holdId, this.clock.now())) return this.hold(holdId);
    const hold = await this.hold(holdId);
    throw conflict(`Hold ${holdId} is already ${hold.status}`);
  }

  async repay(request: RepayRequest): Promise<void> {
    check(repayProblems(request), 'Cannot repay');
    const now = this.clock.now();
    await this.moves.once('repay', request.idempotencyKey, request, now, async (m) => {
      if (await this.moves.applyRepayment(m, request, now)) return { repaid: true };
      const [view] = await this.lines.linesAt([request.customerId], now, m);
      if (!view) throw notFound(`Customer ${request.customerId} has no credit line`);
      throw badInput(`Cannot repay: input.amount: exceeds the drawn balance`, [{ path: 'input.amount', reason: 'exceeds the drawn balance' }]);
    });
  }

  expireStale(batch?: number): Promise<number> {
    return this.moves.expireStale(this.clock.now(), batch);
  }

  private async hold(id: string): Promise<HoldRecord> {
    const [hold] = await this.moves.findHolds([id]);
    if (!hold) throw notFound(`No hold ${id}`);
    return hold;
  }
}
