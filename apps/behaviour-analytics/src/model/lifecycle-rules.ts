import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Thresholds of the lifecycle stage rules; versioned, so every stored stage says which rules set it. */
export interface LifecycleRules {
  version: string;
  highRisk: { currentDaysPastDue: number; worstDaysPastDue365: number };
  newCustomerDays: number;
  dormant: { inactiveDays: number };
}

// Found from the app's package root, so the path holds from src/ (tsx, jest) and from a dist/ bundle.
export const DEFAULT_RULES_PATH = join(dirname(require.resolve('@jc/behaviour-analytics/package.json')), 'config', 'lifecycle-rules.json');

const isDays = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 3650;

export function parseLifecycleRules(raw: unknown): LifecycleRules {
  const r = raw as Partial<LifecycleRules> | null;
  const ok =
    typeof r?.version === 'string' && r.version.length > 0 &&
    isDays(r.highRisk?.currentDaysPastDue) && isDays(r.highRisk?.worstDaysPastDue365) &&
    isDays(r.newCustomerDays) && isDays(r.dormant?.inactiveDays);
  if (!ok) throw new Error('lifecycle rules need a version and whole-day thresholds between 1 and 3650');
  return { version: r.version!, highRisk: { ...r.highRisk! }, newCustomerDays: r.newCustomerDays!, dormant: { ...r.dormant! } };
}

/** Reads the rule set from LIFECYCLE_RULES_FILE, else the file shipped with the service. */
export function loadLifecycleRules(path = process.env.LIFECYCLE_RULES_FILE ?? DEFAULT_RULES_PATH): LifecycleRules {
  return parseLifecycleRules(JSON.parse(readFileSync(path, 'utf8')));
}
