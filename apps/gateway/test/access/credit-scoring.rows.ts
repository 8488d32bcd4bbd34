import { readFileSync } from 'node:fs';
import { defaultModelPath } from '@jc/credit-scoring/src/model/default-model';
import { ADMIN_ONLY, READ_OWN, STAFF_READ, WRITE, type AccessRows, type Outcome, type Who } from './rows';

const defaultModel = JSON.parse(readFileSync(defaultModelPath, 'utf8'));
let variant = 0;
/** The default model under a version nobody has registered yet, so every ADMIN attempt can succeed. */
const freshModelJson = () => JSON.stringify({ ...defaultModel, modelId: `${defaultModel.modelId}-access-${(variant += 1)}` });
let instant = 0;
/** Distinct observation instants, so each allowed recordOutcome is a new outcome. */
const freshInstant = () => new Date(Date.UTC(2025, 0, 1) + (instant += 1) * 1000).toISOString();

const ANALYST_ADMIN: Record<Who, Outcome> = { CUSTOMER: 'FORBIDDEN', CUSTOMER_OTHER: 'FORBIDDEN', ANALYST: 'ok', ADMIN: 'ok', SERVICE: 'FORBIDDEN' };

export const creditScoringRows: AccessRows = {
  'Query.customer': {
    query: ({ own }) => ({
      query: 'query ($id: ID!) { customer(id: $id) { id region declaredAnnualIncome creditProfile { score grade reasons { code } } scoreHistory(first: 2) { edges { node { score } } } behaviour { lifecycleStage } creditLine { jointLimit } } }',
      variables: { id: own },
    }),
    expect: READ_OWN,
  },
  'Query.customers': {
    query: () => ({ query: '{ customers(first: 2) { edges { node { id behaviour { lifecycleStage } creditLine { jointLimit } } } } }' }),
    expect: STAFF_READ,
  },
  'Query.scoringModels': {
    query: () => ({ query: '{ scoringModels { version status validationMetrics { auc } } }' }),
    expect: STAFF_READ,
  },
  'Query.scoreMonitoring': {
    query: () => ({ query: '{ scoreMonitoring { modelVersion scoredCustomers psi auc scoreDistribution { count } } }' }),
    expect: ANALYST_ADMIN,
  },
  'Mutation.onboardCustomer': {
    query: () => ({ query: 'mutation { onboardCustomer(input: { region: "44", declaredAnnualIncome: "1000.00", birthYear: 1990, education: OTHER }) { id } }' }),
    expect: WRITE,
  },
  'Mutation.scoreCustomer': {
    query: ({ own }) => ({
      query: 'mutation ($id: ID!) { scoreCustomer(input: { customerId: $id, statements: [{ month: "2025-06-01", limit: "20000.00", balance: "5000.00", repaid: "5000.00", status: -1 }] }) { score grade } }',
      variables: { id: own },
    }),
    expect: WRITE,
  },
  'Mutation.recordOutcome': {
    query: ({ own }) => ({
      query: 'mutation ($id: ID!, $at: DateTime!) { recordOutcome(input: { customerId: $id, defaulted: false, observedAt: $at }) { defaulted } }',
      variables: { id: own, at: freshInstant() },
    }),
    expect: WRITE,
  },
  'Mutation.registerModel': {
    query: () => ({ query: 'mutation ($json: String!) { registerModel(input: { modelJson: $json }) { version status } }', variables: { json: freshModelJson() } }),
    expect: ADMIN_ONLY,
  },
  'Mutation.promoteModel': {
    // Mutation fields run in order: register a fresh challenger, then promote it.
    query: () => {
      const json = freshModelJson();
      return {
        query: 'mutation ($json: String!, $v: ID!) { registerModel(input: { modelJson: $json }) { version } promoteModel(input: { version: $v }) { status } }',
        variables: { json, v: JSON.parse(json).modelId },
      };
    },
    expect: ADMIN_ONLY,
  },
  'Query.creditScoringDeadLetters': {
    query: () => ({ query: '{ creditScoringDeadLetters(first: 5) { edges { node { consumer eventId error attempts parkedAt } } pageInfo { hasNextPage } } }' }),
    expect: ADMIN_ONLY,
  },
  'Mutation.replayCreditScoringEvent': {
    query: () => ({ query: 'mutation { replayCreditScoringEvent(input: { consumer: "credit-scoring.none", eventId: "evt-00000000" }) }' }),
    expect: ADMIN_ONLY,
    allowedErrors: ['BAD_USER_INPUT'],
  },
};
