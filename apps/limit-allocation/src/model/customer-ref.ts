/**
 * This subgraph knows a customer only by id; the profile belongs to credit-scoring and the
 * behaviour to behaviour-analytics. The gateway adds the fields creditLineProposal requires to the
 * reference, raw as they came over the wire (Money as a decimal string).
 */
export interface CustomerRef {
  id: string;
  declaredAnnualIncome?: string;
  creditProfile?: { score: number; grade: string; probabilityOfDefault: number; region: string } | null;
  behaviour?: {
    lifecycleStage: string;
    monthsSinceFirstUse: number | null;
    currentDaysPastDue: number;
    windows: { days: number; spend: string; worstDaysPastDue: number }[];
  };
}
