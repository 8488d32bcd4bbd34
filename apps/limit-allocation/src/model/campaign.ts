import { CUSTOMER_TIERS, LIFECYCLE_STAGES, RISK_GRADES, type CustomerTier, type LifecycleStage, type Minor, type Product, type RiskGrade } from '@jc/domain';
import { upliftProblems } from './uplift';
import { keyProblems } from './utilisation';

/** Who a campaign reaches; an absent criterion admits everyone. Stage, grade and region come from the risk snapshot. */
export interface Eligibility {
  stages?: LifecycleStage[] | null;
  /** The worst grade still eligible (A is best). */
  minGrade?: RiskGrade | null;
  regions?: string[] | null;
  tiers?: CustomerTier[] | null;
}

export interface CampaignInput {
  name: string;
  products: readonly Product[];
  amount?: Minor | null;
  multiplier?: number | null;
  startsAt: Date;
  endsAt: Date;
  eligibility?: Eligibility | null;
  /** The same key with the same request gives back the campaign it made (a retry never stacks a second overlay on every line). */
  idempotencyKey?: string | null;
}

export interface CampaignRecord {
  id: string;
  name: string;
  cashLoan: boolean;
  payLater: boolean;
  amount: Minor | null;
  multiplier: number | null;
  startsAt: Date;
  endsAt: Date;
  eligibility: Eligibility;
  linesTouched: number;
  createdBy: string;
  createdAt: Date;
  cancelledAt: Date | null;
  cancelledBy: string | null;
  cancelReason: string | null;
}

const MAX_NAME = 100;

/** `personCap` is the cap of the policy in force, which bounds an amount as for one uplift. */
export function campaignProblems(input: CampaignInput, now: Date, personCap: Minor): { path: string; reason: string }[] {
  const name = input.name.trim();
  const problems = upliftProblems({ ...input, customerId: 'c_0000000000000000', reason: name || 'x' }, now, personCap).filter((p) => p.path !== 'customerId' && p.path !== 'reason');
  if (name.length === 0 || name.length > MAX_NAME) problems.push({ path: 'name', reason: `must be 1 to ${MAX_NAME} characters` });
  const e = input.eligibility ?? {};
  if (e.stages && (e.stages.length === 0 || e.stages.some((s) => !LIFECYCLE_STAGES.includes(s)))) problems.push({ path: 'eligibility.stages', reason: 'name at least one stage, or leave it out' });
  if (e.minGrade != null && !RISK_GRADES.includes(e.minGrade)) problems.push({ path: 'eligibility.minGrade', reason: 'not a grade' });
  if (e.regions && (e.regions.length === 0 || e.regions.some((r) => !/^\d{2}$/.test(r)))) problems.push({ path: 'eligibility.regions', reason: 'must be two-digit province codes' });
  if (e.tiers && (e.tiers.length === 0 || e.tiers.some((t) => !CUSTOMER_TIERS.includes(t)))) problems.push({ path: 'eligibility.tiers', reason: 'name at least one tier, or leave it out' });
  if (input.idempotencyKey != null) keyProblems(problems, input.idempotencyKey);
  return problems;
}

const sorted = <T>(list: readonly T[] | null | undefined): T[] | null => (list ? [...list].sort() : null);

/** What a campaign request asks for, independent of field and list order: a repeated key must carry the same. */
export function campaignFingerprint(input: CampaignInput): string {
  const e = input.eligibility ?? {};
  return JSON.stringify([
    input.name.trim(),
    sorted(input.products),
    input.amount ?? null,
    input.multiplier ?? null,
    input.startsAt.toISOString(),
    input.endsAt.toISOString(),
    sorted(e.stages),
    e.minGrade ?? null,
    sorted(e.regions),
    sorted(e.tiers),
  ]);
}
