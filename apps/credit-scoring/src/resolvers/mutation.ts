import { isCustomerId } from '@jc/domain';
import { conflict, InputProblems, notFound, transactionRetryingConflicts } from '@jc/subgraph-kit';
import type { MutationResolvers } from '../generated/graphql';
import { scoreFromStatements } from '../db/rescoring';
import { announceScores } from '../events/score-announcements';
import { onboard, onboardingFingerprint, onboardingProblems } from '../model/customer';
import { checkRegistration } from '../model/model-registry';
import { observationProblems } from '../model/outcome';
import type { CreditScore } from '../model/scoring';
import { monthOf, statementProblems } from '../model/statements';

export const Mutation: MutationResolvers = {
  onboardCustomer: async (_parent, { input }, ctx) => {
    const problems = new InputProblems();
    for (const p of onboardingProblems(input, ctx.clock)) problems.add(`input.${p.path}`, p.reason);
    problems.throwIfAny('Cannot onboard customer');
    const key = input.idempotencyKey;
    const result = await ctx.customers.insertOnce(onboard(input, ctx.clock), key == null ? null : { key, fingerprint: onboardingFingerprint(input) });
    if (result.outcome === 'KEY_REUSED') throw conflict(`idempotencyKey ${key} was already used for another onboarding request`);
    ctx.customerById.prime(result.customer.id, result.customer);
    return result.customer;
  },

  scoreCustomer: async (_parent, { input: { customerId, statements } }, ctx) => {
    const problems = new InputProblems();
    if (!isCustomerId(customerId)) problems.add('input.customerId', 'not a customer id');
    const stored = statements.map((s) => ({ ...s, month: monthOf(s.month) }));
    for (const p of statementProblems(stored, ctx.clock.now().toISOString().slice(0, 10))) problems.add(`input.${p.path}`, p.reason);
    problems.throwIfAny('Cannot score customer');
    const customer = await ctx.customerById.load(customerId);
    if (!customer) throw notFound(`No customer ${customerId}`);
    // The customer's lock makes this and behaviour.updated batches take turns; any other write conflict is retried.
    const scores = await transactionRetryingConflicts(ctx.scoring.dataSource, async (m) => {
      await ctx.scoring.statements.lockCustomers([customerId], m);
      await ctx.scoring.statements.upsert(customerId, stored, m);
      const scored = await scoreFromStatements(ctx.scoring, [customer], await ctx.scoring.registry.live(m), m);
      await announceScores(m, scored, [customer], ctx.clock.now());
      return scored;
    });
    ctx.events.published();
    const profile = scores.find((s) => !s.shadow) as CreditScore;
    ctx.profileByCustomer.clear(customerId).prime(customerId, profile);
    return profile;
  },

  recordOutcome: async (_parent, { input: { customerId, defaulted, observedAt } }, ctx) => {
    const problems = new InputProblems();
    if (!isCustomerId(customerId)) problems.add('input.customerId', 'not a customer id');
    const observed = new Date(observedAt);
    for (const reason of observationProblems(observed, ctx.clock.now())) problems.add('input.observedAt', reason);
    problems.throwIfAny('Cannot record outcome');
    if (!(await ctx.customerById.load(customerId))) throw notFound(`No customer ${customerId}`);
    // A retry after a lost answer repeats the verdict and gets the same answer; only another verdict conflicts.
    const stored = await ctx.outcomes.record({ customerId, defaulted, observedAt: observed }, ctx.clock.now());
    if (stored.defaulted !== defaulted) {
      throw conflict(`An outcome of ${customerId} observed at ${observed.toISOString()} is already recorded, with defaulted ${stored.defaulted}`);
    }
    return stored;
  },

  registerModel: async (_parent, { input }, ctx) => {
    const { problems, registration } = checkRegistration(input);
    const collected = new InputProblems();
    for (const p of problems) collected.add(p.path, p.reason);
    collected.throwIfAny('Cannot register model');
    return ctx.scoring.registry.register(registration!, ctx.clock.now());
  },

  promoteModel: (_parent, { input: { version } }, ctx) => ctx.scoring.registry.promote(version, ctx.clock.now()),
};
