import type { CustomerTier, LifecycleStage, Product, RiskGrade } from './types';

export const PRODUCTS: readonly Product[] = ['CASH_LOAN', 'PAY_LATER'];
export const TIERS: readonly CustomerTier[] = ['HIGH_VALUE', 'STANDARD', 'MEDIUM_RISK', 'HIGH_RISK'];
export const STAGES: readonly LifecycleStage[] = ['NEW', 'ACTIVE', 'DORMANT', 'HIGH_RISK'];
export const GRADES: readonly RiskGrade[] = ['A', 'B', 'C', 'D', 'E'];
