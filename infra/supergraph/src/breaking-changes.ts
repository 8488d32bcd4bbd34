import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

export interface BreakingChange {
  /** Stable key used to acknowledge the change: "<type>:<path>". */
  key: string;
  message: string;
}

export interface AcceptedChange {
  key: string;
  reason: string;
}

/** Breaking changes of the API schema from `before` to `after` that no accepted entry covers. */
export async function unacknowledgedBreakingChanges(before: string, after: string, accepted: AcceptedChange[]): Promise<BreakingChange[]> {
  const changes = await diff(buildSchema(before), buildSchema(after));
  const acknowledged = new Set(accepted.map((a) => a.key));
  return changes
    .filter((c) => c.criticality.level === CriticalityLevel.Breaking)
    .map((c) => ({ key: `${c.type}:${c.path ?? ''}`, message: c.message }))
    .filter((c) => !acknowledged.has(c.key));
}
