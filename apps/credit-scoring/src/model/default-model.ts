import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadModel, STATEMENT_SCORECARD, type ScorecardModel } from '@jc/scorecard';

/** The committed model trained on the Taiwan reference data; the champion of a fresh database. */
// Found from the app's package root, so the path holds from src/ (tsx, jest) and from a dist/ bundle.
export const defaultModelPath = join(dirname(require.resolve('@jc/credit-scoring/package.json')), 'models', 'default-model.json');

let cached: ScorecardModel | undefined;

export function defaultModel(): ScorecardModel {
  cached ??= loadModel(readFileSync(defaultModelPath, 'utf8'), STATEMENT_SCORECARD);
  return cached;
}
