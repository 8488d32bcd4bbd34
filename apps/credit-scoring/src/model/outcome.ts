import { BEFORE_EARLIEST, EARLIEST_INSTANT } from './earliest-date';

/** Why an outcome's observation instant cannot be recorded; empty when it can. */
export function observationProblems(observedAt: Date, now: Date): string[] {
  const problems: string[] = [];
  if (observedAt.getTime() > now.getTime()) problems.push('must not be in the future');
  if (observedAt.getTime() < EARLIEST_INSTANT.getTime()) problems.push(BEFORE_EARLIEST);
  return problems;
}
