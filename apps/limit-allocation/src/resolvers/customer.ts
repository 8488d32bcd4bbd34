import { isCustomerId } from '@jc/domain';
import { toConnection } from '@jc/subgraph-kit';
import type { CustomerResolvers } from '../generated/graphql';
import { snapshotFromRequires } from '../model/proposal';
import { propose } from '../services/decision-service';
import { limitHistory } from './policy';
import { serialPage } from './serial-page';

export const Customer: CustomerResolvers = {
  // keeps the fields the gateway fetched for creditLineProposal's @requires; a representation with no
  // usable id names no customer, and must not fail its batch's other entities
  __resolveReference: (ref) => (isCustomerId(ref.id) ? ref : null),
  creditLine: (customer, _args, ctx) => ctx.lineByCustomerId.load(customer.id),
  ledger: async (customer, { first, after }, ctx) => {
    const { size, before } = serialPage(first, after);
    const rows = await ctx.lines.ledgerPage(customer.id, size + 1, before);
    return toConnection(rows, size, (e) => String(e.id));
  },
  limitHistory: (customer, { first, after }, ctx) => limitHistory(customer.id, first, after, ctx),
  riskSnapshot: (customer, _args, ctx) => ctx.policies.snapshot(customer.id),
  creditLineProposal: async (customer, _args, ctx) => {
    const snapshot = snapshotFromRequires(customer, ctx.clock.now());
    if (!snapshot) return null;
    const [policy, view, budget] = await Promise.all([ctx.currentPolicy(), ctx.lineByCustomerId.load(customer.id), ctx.currentBudget()]);
    return propose(policy, snapshot, view, budget);
  },
};
