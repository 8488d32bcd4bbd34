import { isRegionCode } from '@jc/domain';
import { STATEMENT_SCORECARD, validateModel, type ScorecardModel } from '@jc/scorecard';
import { defaultGradeCutoffs, gradeCutoffProblems, MAX_LOG_ODDS_SHIFT, type GradeCutoffs, type Problem, type RegionalStandard } from './grading';

export interface RegistrationInput {
  modelJson: string;
  gradeCutoffs?: GradeCutoffs | null;
  regionalStandards?: Array<{ region: string; logOddsShift: number; gradeCutoffs?: GradeCutoffs | null }> | null;
}

export interface Registration {
  model: ScorecardModel;
  defaultGradeCutoffs: GradeCutoffs;
  regionalStandards: RegionalStandard[];
}

/** Models are a few hundred kB; a megabyte-sized body is not a model. */
export const MAX_MODEL_JSON_CHARS = 2_000_000;

/** Parses and validates a registration; either every problem or a registration that can be stored. */
export function checkRegistration(input: RegistrationInput): { problems: Problem[]; registration?: Registration } {
  const problems: Problem[] = [];
  let model: ScorecardModel | undefined;
  if (input.modelJson.length > MAX_MODEL_JSON_CHARS) {
    problems.push({ path: 'input.modelJson', reason: `longer than ${MAX_MODEL_JSON_CHARS} characters` });
  } else {
    let json: unknown;
    try {
      json = JSON.parse(input.modelJson);
    } catch {
      problems.push({ path: 'input.modelJson', reason: 'is not JSON' });
    }
    if (json !== undefined) {
      // Every live model scores every customer, so a model that cannot score here must not get in.
      const checked = validateModel(json, STATEMENT_SCORECARD);
      if (checked.ok) model = checked.model;
      else problems.push({ path: 'input.modelJson', reason: checked.reason });
    }
  }
  if (input.gradeCutoffs) problems.push(...gradeCutoffProblems(input.gradeCutoffs, 'input.gradeCutoffs'));
  const regions = new Set<string>();
  (input.regionalStandards ?? []).forEach((r, i) => {
    const at = `input.regionalStandards[${i}]`;
    if (!isRegionCode(r.region)) problems.push({ path: `${at}.region`, reason: 'not a province-level GB/T 2260 code' });
    else if (regions.has(r.region)) problems.push({ path: `${at}.region`, reason: 'region given twice' });
    regions.add(r.region);
    if (!Number.isFinite(r.logOddsShift) || Math.abs(r.logOddsShift) > MAX_LOG_ODDS_SHIFT) {
      problems.push({ path: `${at}.logOddsShift`, reason: `must be between -${MAX_LOG_ODDS_SHIFT} and ${MAX_LOG_ODDS_SHIFT}` });
    }
    if (r.gradeCutoffs) problems.push(...gradeCutoffProblems(r.gradeCutoffs, `${at}.gradeCutoffs`));
  });
  if (model && !input.gradeCutoffs) {
    // The defaults come from the training deciles; a model with fewer distinct deciles (or fractional
    // ones) would get empty or unservable grades, so it needs cut-offs of its own.
    const derived = defaultGradeCutoffs(model);
    if (gradeCutoffProblems(derived, 'input.gradeCutoffs').length > 0) {
      const edges = model.trainingDistribution.scoreBandEdges;
      problems.push({
        path: 'input.gradeCutoffs',
        reason: `required: the model's training score deciles [${edges.join(', ')}] do not give four falling whole-score default cut-offs`,
      });
    }
  }
  if (problems.length > 0 || !model) return { problems };
  const defaults = input.gradeCutoffs ?? defaultGradeCutoffs(model);
  return {
    problems,
    registration: {
      model,
      defaultGradeCutoffs: defaults,
      regionalStandards: (input.regionalStandards ?? []).map((r) => ({ region: r.region, logOddsShift: r.logOddsShift, gradeCutoffs: r.gradeCutoffs ?? defaults })),
    },
  };
}
