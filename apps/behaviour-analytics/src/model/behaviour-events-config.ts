import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** How far a scorecard amount must move from what was last published before it is announced again. */
export interface BehaviourEventsConfig {
  materialChange: { fraction: number; minimumAmount: number };
}

export const DEFAULT_BEHAVIOUR_EVENTS_PATH = join(dirname(require.resolve('@jc/behaviour-analytics/package.json')), 'config', 'behaviour-events.json');

export function parseBehaviourEventsConfig(raw: unknown): BehaviourEventsConfig {
  const m = (raw as Partial<BehaviourEventsConfig> | null)?.materialChange;
  const ok =
    typeof m?.fraction === 'number' && m.fraction > 0 && m.fraction <= 10 &&
    Number.isInteger(m.minimumAmount) && m.minimumAmount >= 0;
  if (!ok) throw new Error('behaviour event config needs materialChange.fraction in (0, 10] and a whole minimumAmount ≥ 0 (fen)');
  return { materialChange: { fraction: m.fraction, minimumAmount: m.minimumAmount } };
}

/** Reads BEHAVIOUR_EVENTS_FILE, else the file shipped with the service. */
export function loadBehaviourEventsConfig(path = process.env.BEHAVIOUR_EVENTS_FILE ?? DEFAULT_BEHAVIOUR_EVENTS_PATH): BehaviourEventsConfig {
  return parseBehaviourEventsConfig(JSON.parse(readFileSync(path, 'utf8')));
}
