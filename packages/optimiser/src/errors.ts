/**
 * Every rejection of bad input names the offending field (a path such as `customers[3].pd` or
 * `config.products.CASH_LOAN.lgd`) so the limits service can map it to a GraphQL error with a code
 * without parsing the message.
 */
export class OptimiserInputError extends Error {
  override readonly name = 'OptimiserInputError';
  readonly code = 'OPTIMISER_INVALID_INPUT' as const;

  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}
