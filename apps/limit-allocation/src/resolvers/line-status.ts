import { conflict, InputProblems, notFound } from '@jc/subgraph-kit';
import type { Context } from '../context';
import type { ChangeLineStatusInput, LimitTermsResolvers, MutationResolvers } from '../generated/graphql';
import { statusChangeProblems, statusRefusal, type StatusChange } from '../model/line-status';
import type { RecordedTerms } from '../db/decision-repository';

export const LimitTerms: LimitTermsResolvers = {
  status: (t) => (t as RecordedTerms).status ?? null,
};

async function changeStatus(change: StatusChange, input: ChangeLineStatusInput, ctx: Context) {
  const problems = new InputProblems();
  for (const p of statusChangeProblems(input)) problems.add(`input.${p.path}`, p.reason);
  problems.throwIfAny(`Cannot ${change.toLowerCase()} credit line`);
  const reasons = input.reasons.map((r) => r.trim());
  const actor = ctx.principal?.subject ?? 'system';
  const decided = await ctx.decisions.changeStatus(change, input.customerId, reasons, actor, ctx.clock.now());
  if (decided) return decided;
  // the guarded statement refused: read the line only to name the reason
  const [line] = await ctx.lines.findByCustomerIds([input.customerId]);
  if (!line) throw notFound(`Customer ${input.customerId} has no credit line`);
  const outstanding = line.cashLoanUsed + line.cashLoanHeld + line.payLaterUsed + line.payLaterHeld > 0;
  throw conflict(`Cannot ${change.toLowerCase()} credit line: ${statusRefusal(change, line.status, outstanding)}`);
}

export const lineStatusMutations: Pick<MutationResolvers, 'freezeCreditLine' | 'unfreezeCreditLine' | 'closeCreditLine'> = {
  freezeCreditLine: (_parent, { input }, ctx) => changeStatus('FREEZE', input, ctx),
  unfreezeCreditLine: (_parent, { input }, ctx) => changeStatus('UNFREEZE', input, ctx),
  closeCreditLine: (_parent, { input }, ctx) => changeStatus('CLOSE', input, ctx),
};
