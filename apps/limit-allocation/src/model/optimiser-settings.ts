import type { Minor } from '@jc/domain';
import type { DeepPartial, OptimiserConfig } from '@jc/optimiser';

export interface ProductSettings {
  lgd?: number | null;
  ccfLoss?: number | null;
  ccfCapital?: number | null;
  responseMultiplier?: number | null;
  saturationIncomeShare?: number | null;
  saturationMin?: Minor | null;
}

/**
 * The optimiser economics an analyst may change for one simulation (packages/optimiser README,
 * "Parameters"). The policy's hard rules (step, caps, stage bounds) are not among them: both sides
 * of a simulation are held to the current policy's.
 */
export interface OptimiserSettings {
  fundingRate?: number | null;
  capital?: { riskWeight?: number | null; capitalRatio?: number | null; hurdleRate?: number | null } | null;
  response?: { pdPrime?: number | null; pdSubprime?: number | null; responsePrime?: number | null; responseSubprime?: number | null } | null;
  cashLoan?: ProductSettings | null;
  payLater?: ProductSettings | null;
  payLaterRevenue?: { merchantDiscountRate?: number | null; annualTurnover?: number | null; instalmentShare?: number | null; instalmentFeeRate?: number | null } | null;
}

type Tree = { [key: string]: unknown };

/** A copy without the fields left out or given as null, and without groups left empty by that. */
function compact(value: Tree): Tree | undefined {
  const out: Tree = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null || v === undefined) continue;
    const kept = typeof v === 'object' ? compact(v as Tree) : v;
    if (kept !== undefined) out[key] = kept;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The settings as given, with nulls and empty groups dropped: what a simulation records. */
export function compactSettings(settings: OptimiserSettings | null | undefined): OptimiserSettings | null {
  return settings ? ((compact(settings as Tree) as OptimiserSettings | undefined) ?? null) : null;
}

/** The settings as overrides of the optimiser's configuration. */
export function configOverrides(settings: OptimiserSettings | null): DeepPartial<OptimiserConfig> {
  if (!settings) return {};
  const { cashLoan, payLater, payLaterRevenue, ...rest } = settings;
  const products = compact({ CASH_LOAN: cashLoan, PAY_LATER: payLater });
  return { ...(rest as DeepPartial<OptimiserConfig>), ...(products ? { products } : {}), ...(payLaterRevenue ? { payLater: payLaterRevenue } : {}) } as DeepPartial<OptimiserConfig>;
}

const SETTINGS_GROUP: Record<string, string> = { 'products.CASH_LOAN': 'cashLoan', 'products.PAY_LATER': 'payLater', payLater: 'payLaterRevenue' };

/** The settings path of an optimiser configuration field (`config.products.CASH_LOAN.lgd` → `cashLoan.lgd`). */
export function settingsPath(configField: string): string {
  const path = configField.replace(/^config\./, '');
  const group = Object.keys(SETTINGS_GROUP).find((g) => path.startsWith(`${g}.`));
  return group ? `${SETTINGS_GROUP[group]}${path.slice(group.length)}` : path;
}
