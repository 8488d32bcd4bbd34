export { Rng, categorical, normaliseSeed, type Seed, type PathPart } from './random';
export { customerIdFor, transactionEventId, repaymentEventId } from './ids';
export { ARCHETYPES, ARCHETYPE_PROFILES, type Archetype, type ArchetypeProfile, type BehaviourParams } from './archetypes';
export {
  MERCHANT_CATEGORIES,
  PURCHASE_CATEGORIES,
  type MerchantCategory,
  type PurchaseCategory,
  type TransactionProduct,
  type TransactionEvent,
  type RepaymentEvent,
} from './events';
export {
  DEFAULT_AS_OF,
  DEFAULT_ONBOARDING_MONTHS,
  DEMO_HISTORY_MONTHS,
  MEDIAN_ANNUAL_INCOME_YUAN,
  generateCustomer,
  generatePopulation,
  customerStream,
  type SimulatedCustomer,
  type CustomerOptions,
  type PopulationOptions,
} from './customers';
export { demoLine, type DemoLine } from './demo-line';
export { STATEMENT_DAY_OF_MONTH, DAYS_UNTIL_DUE, type CustomerOutcome } from './statements';
export {
  MAX_MONTHS,
  createSimulationContext,
  simulateCustomerActivity,
  simulateCustomer,
  simulationRange,
  type SimulationOptions,
  type SimulationContext,
  type SimulationRange,
  type CustomerActivity,
} from './activity';
export { simulateActivities, simulatePortfolio, type Portfolio, type PortfolioOptions } from './portfolio';
export { formatProgress, type SimulationProgress, type ProgressListener } from './progress';
export { OUTPUT_FILES, customerLine, transactionLine, repaymentLine, writeSimulationFiles, type WriteFilesOptions, type WriteFilesResult } from './ndjson-files';
export {
  GraphqlBatchSender,
  GraphqlTargetError,
  recordMutation,
  sendSimulation,
  toRepaymentInput,
  toTransactionInput,
  type GraphqlTargetOptions,
  type RepaymentInput,
  type SendSimulationOptions,
  type SendSimulationResult,
  type TransactionInput,
} from './graphql-target';
export { runCli, type CliIo } from './run-cli';
export { parseCliArgs, CliUsageError, USAGE, type CliOptions } from './cli-args';
