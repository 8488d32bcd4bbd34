import type { CreditLineResolvers } from '../generated/graphql';
import { jointAvailable, jointUsed, productLine } from '../model/credit-line';

export const CreditLine: CreditLineResolvers = {
  jointUsed: (line) => jointUsed(line),
  jointAvailable: (line) => jointAvailable(line),
  cashLoan: (line) => productLine(line, 'CASH_LOAN'),
  payLater: (line) => productLine(line, 'PAY_LATER'),
};
