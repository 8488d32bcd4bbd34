import { badInput, InputProblems, toConnection } from '@jc/subgraph-kit';
import type { LimitDecisionResolvers, MutationResolvers, PolicyResolvers, QueryResolvers } from '../generated/graphql';
import { direction, policyProblems, snapshotProblems, type PolicyDocument } from '../model/policy';
import type { Context } from '../context';
import { serialPage } from './serial-page';

const MAX_NOTE = 200;
const actorOf = (ctx: Context) => ctx.principal?.subject ?? 'system';

export const LimitDecision: LimitDecisionResolvers = {
  inputs: (d) => JSON.stringify(d.inputs),
  direction: (d) => direction(d.before, d.after),
};

export const Policy: PolicyResolvers = {
  document: (p) => JSON.stringify(p.document),
};

export const policyQueries: Pick<QueryResolvers, 'policy'> = {
  policy: (_parent, { version }, ctx) => ctx.policies.find(version),
};

export const limitHistory = async (customerId: string, first: number, after: string | null | undefined, ctx: Context) => {
  const { size, before } = serialPage(first, after);
  return toConnection(await ctx.decisions.history(customerId, size + 1, before), size, (d) => d.id);
};

export const policyMutations: Pick<MutationResolvers, 'recordRiskSnapshot' | 'decideCreditLine' | 'publishPolicy'> = {
  recordRiskSnapshot: async (_parent, { input }, ctx) => {
    const now = ctx.clock.now();
    const snapshot = { ...input, asOf: new Date(input.asOf) };
    const problems = new InputProblems();
    for (const p of snapshotProblems(snapshot, now)) problems.add(`input.${p.path}`, p.reason);
    problems.throwIfAny('Cannot record risk snapshot');
    return ctx.policies.recordSnapshot(snapshot, now);
  },
  decideCreditLine: (_parent, { input }, ctx) => ctx.decider.decideCreditLine(input.customerId, actorOf(ctx)),
  publishPolicy: async (_parent, { input }, ctx) => {
    let document: unknown;
    try {
      document = JSON.parse(input.document);
    } catch {
      throw badInput('Cannot publish policy: input.document: not JSON', [{ path: 'input.document', reason: 'not JSON' }]);
    }
    const problems = new InputProblems();
    for (const p of policyProblems(document)) problems.add(`input.${p.path}`, p.reason);
    const note = input.note.trim();
    problems.check(note.length > 0 && note.length <= MAX_NOTE, 'input.note', `must be 1 to ${MAX_NOTE} characters`);
    problems.throwIfAny('Cannot publish policy');
    return ctx.policies.publish(document as PolicyDocument, note, actorOf(ctx), ctx.clock.now());
  },
};
