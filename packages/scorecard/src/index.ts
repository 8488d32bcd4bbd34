// Inputs and characteristic definitions
export * from './types';
export {
  MONTHS,
  InputError,
  StatementRow,
  allocateStatementColumns,
  customersToColumns,
  statementSource,
  writeCustomer,
  type StatementColumns,
} from './characteristics/statement-columns';
export { TAIWAN_STATEMENT_CHARACTERISTICS } from './characteristics/taiwan-statements';
export { TAIWAN_RAW_CHARACTERISTICS } from './characteristics/taiwan-raw';
export { GERMAN_CREDIT_CHARACTERISTICS } from './characteristics/german-credit';

// Models: schema, validation, scoring
export * from './model/model-schema';
export {
  validateModel,
  loadModel,
  ModelValidationError,
  MAX_BASE_POINTS,
  MAX_BIN_POINTS,
  MAX_SCORE_SPAN,
  type ModelRequirements,
  type ModelValidation,
} from './model/validate-model';
export { compileScorecard, ModelMismatchError, scoreRange, type CompiledScorecard } from './model/compile';
export {
  REASON_COUNT,
  STATEMENT_SCORECARD,
  compileStatementScorecard,
  reasonCodes,
  scoreBatch,
  scoreCustomer,
  scoreRecord,
  scoreRecords,
  type BatchScores,
  type CharacteristicScore,
  type ReasonCode,
  type ScoreResult,
} from './model/score';

// Training
export { BASELINE_FIT, DEFAULT_FIT, type FitOptions, type ProgressLog } from './train/fit-options';
export { fitScorecard, TrainingDataError, type FitInput, type ProvenanceInput } from './train/fit-scorecard';
export { trainScorecard, type TrainOptions } from './train/train-scorecard';
export { crossValidate, scoreFromValues, type CrossValidation } from './train/cross-validate';
export { computeValues, type CharacteristicValues } from './train/characteristic-values';
export { seededRandom, stratifiedFolds, stratifiedSplit, type Split } from './train/split';
export { DEFAULT_SELECTION, type SelectionOptions } from './train/selection';

// Building blocks
export { binCategorical, binNumeric, DEFAULT_BINNING, type BinningOptions } from './binning/supervised-binning';
export { binByQuantiles, binEachCategory } from './binning/quantile-binning';
export type { FittedBin, FittedBinning } from './binning/bin-types';
export { informationValue, woe } from './binning/woe';
export { fitLogistic, type LogisticFit, type LogisticOptions } from './logistic-regression';
export { makeScaling, oddsOfScore, scoreOfOdds, STANDARD_SCALING, type Scaling } from './scaling';
export { fitIsotonic, fitPlatt, pdOfScore, type Calibration } from './calibration';

// Evaluation
export * from './evaluation/metrics';
export { modelMetrics } from './evaluation/model-metrics';
export { evaluateScores, type CharacteristicPsi, type EvaluationReport } from './evaluation/evaluate';

// Data files
export { CsvError, parseCsv, type CsvRecord } from './data/csv';
export {
  parseTaiwanCsv,
  readTaiwanCsv,
  TAIWAN_PROTECTED_COLUMNS,
  TAIWAN_REQUIRED_COLUMNS,
  type CsvLoadOptions,
  type LabelledStatements,
  type LoadedDataFile,
  type SkippedRow,
} from './data/taiwan-csv';
export { parseGermanCsv, readGermanCsv, type GermanData, type GermanRecord } from './data/german-csv';
