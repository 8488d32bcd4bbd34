import {
  EDUCATION_LEVELS,
  yuan,
  type CustomerProfile,
  type Education,
  type LifecycleStage,
} from '@jc/domain';
import { ARCHETYPES, ARCHETYPE_PROFILES, type Archetype, type BehaviourParams } from './archetypes';
import { addMonths, DAY_MS, toUtcDay } from './dates';
import { PURCHASE_CATEGORIES, type PurchaseCategory } from './events';
import { customerHex, roundKeys } from './ids';
import { categorical, Rng, type Seed } from './random';
import { REGION_CODES, REGION_POPULATION_WEIGHTS, regionIncomeFactor } from './region-weights';

export interface SimulatedCustomer extends CustomerProfile {
  index: number;
  archetype: Archetype;
  /** Latent annual probability of reaching 90+ days past due: the truth a scorecard should recover. */
  latentAnnualPd: number;
  /** The lifecycle stage the customer's generated attributes point to. */
  lifecycleHint: LifecycleStage;
  /** From when the customer stops transacting, or null. */
  dormantFrom: Date | null;
  behaviour: BehaviourParams;
}

export interface CustomerOptions {
  /** The simulated "today"; customers are onboarded before it. Defaults to DEFAULT_AS_OF. */
  asOf?: Date | string;
  /** Onboarding dates spread uniformly over this many months before asOf. */
  onboardingMonths?: number;
}

export interface PopulationOptions extends CustomerOptions {
  seed: Seed;
  customers: number;
  /** Index of the first customer, so a population can be generated in shards. */
  startIndex?: number;
}

/** A fixed default keeps runs reproducible from the seed alone. */
export const DEFAULT_AS_OF = '2025-07-01';

/** The demo's months of history; every service seeding from the simulator must use the same. */
export const DEMO_HISTORY_MONTHS = 6;
export const DEFAULT_ONBOARDING_MONTHS = 36;
/** Median declared income of a customer with all factors at 1, in yuan per year. */
export const MEDIAN_ANNUAL_INCOME_YUAN = 60_000;

const EDUCATION_INCOME: Readonly<Record<Education, number>> = { GRADUATE: 1.6, UNIVERSITY: 1.25, HIGH_SCHOOL: 0.9, OTHER: 0.75 };
const NEW_CUSTOMER_DAYS = 90;

const pickArchetype = categorical(ARCHETYPES, ARCHETYPES.map((a) => ARCHETYPE_PROFILES[a].share));
const pickRegion = categorical(REGION_CODES, REGION_POPULATION_WEIGHTS);
const pickEducation = categorical(EDUCATION_LEVELS, [0.06, 0.34, 0.42, 0.18]);

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
/** Keeps output files readable; six decimals is far below any modelling precision. */
const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

function checkOptions(options: CustomerOptions): { asOf: Date; onboardingMonths: number } {
  const asOf = toUtcDay(options.asOf ?? DEFAULT_AS_OF, 'asOf');
  const onboardingMonths = options.onboardingMonths ?? DEFAULT_ONBOARDING_MONTHS;
  if (!Number.isInteger(onboardingMonths) || onboardingMonths < 1 || onboardingMonths > 240) {
    throw new RangeError('onboardingMonths must be a whole number between 1 and 240');
  }
  return { asOf, onboardingMonths };
}

function jitterBehaviour(rng: Rng, archetype: Archetype, incomeRatio: number, age: number): BehaviourParams {
  const base = ARCHETYPE_PROFILES[archetype];
  const richer = Math.log(incomeRatio);
  const categoryMix = {} as Record<PurchaseCategory, number>;
  for (const category of PURCHASE_CATEGORIES) categoryMix[category] = round6(base.categoryMix[category] * rng.lognormal(0, 0.3));
  return {
    monthlyFrequency: round6(base.monthlyFrequency * rng.lognormal(0, 0.35)),
    ticketMu: round6(base.ticketMu + 0.25 * richer + rng.normal(0, 0.2)),
    ticketSigma: round6(base.ticketSigma * rng.uniform(0.9, 1.1)),
    // Younger customers shop online more.
    onlineShare: round6(clamp(base.onlineShare + (30 - age) * 0.005 + rng.normal(0, 0.08), 0.03, 0.97)),
    payLaterShare: round6(clamp(base.payLaterShare + rng.normal(0, 0.08), 0.03, 0.97)),
    categoryMix,
    cashDrawProbability: round6(clamp(base.cashDrawProbability * rng.lognormal(0, 0.3), 0, 0.9)),
    cashDrawMu: round6(base.cashDrawMu + 0.3 * richer + rng.normal(0, 0.2)),
    cashDrawSigma: base.cashDrawSigma,
    peakSensitivity: round6(base.peakSensitivity * rng.uniform(0.8, 1.2)),
    revolveProbability: round6(clamp(base.revolveProbability * rng.lognormal(0, 0.3), 0, 0.9)),
    cureProbability: base.cureProbability,
  };
}

function lifecycleHintOf(archetype: Archetype, pd: number, onboardedAt: Date, dormantFrom: Date | null, asOf: Date): LifecycleStage {
  if (archetype === 'STRUGGLING' || archetype === 'FRAUD_LIKE' || pd >= 0.15) return 'HIGH_RISK';
  if (asOf.getTime() - onboardedAt.getTime() < NEW_CUSTOMER_DAYS * DAY_MS) return 'NEW';
  if (dormantFrom) return 'DORMANT';
  return 'ACTIVE';
}

/** Customer `index` of the population of `seed`; identical to that element of any larger population. */
export function generateCustomer(seed: Seed, index: number, options: CustomerOptions = {}): SimulatedCustomer {
  return buildCustomer(seed, index, checkOptions(options));
}

function buildCustomer(seed: Seed, index: number, opts: { asOf: Date; onboardingMonths: number }): SimulatedCustomer {
  const id = `c_${customerHex(roundKeys(seed), index)}`;
  const rng = Rng.fromSeed(seed, 'customer', index);
  const { asOf } = opts;

  const archetype = pickArchetype(rng);
  const region = pickRegion(rng);
  const education = pickEducation(rng);
  const age = Math.round(clamp(rng.normal(33, 9), 18, 65));
  const birthYear = asOf.getUTCFullYear() - age;

  const youngDiscount = 0.7 + 0.3 * Math.min(1, (age - 18) / 15);
  const incomeYuan = clamp(
    MEDIAN_ANNUAL_INCOME_YUAN *
      regionIncomeFactor(region) *
      EDUCATION_INCOME[education] *
      ARCHETYPE_PROFILES[archetype].incomeFactor *
      youngDiscount *
      rng.lognormal(0, 0.45),
    12_000,
    3_000_000,
  );
  const roundedIncomeYuan = Math.round(incomeYuan / 100) * 100;
  const incomeRatio = roundedIncomeYuan / MEDIAN_ANNUAL_INCOME_YUAN;

  // Onboarded within the window, to the second, strictly before asOf.
  const windowSeconds = Math.round((asOf.getTime() - addMonths(asOf, -opts.onboardingMonths).getTime()) / 1000);
  const onboardedAt = new Date(asOf.getTime() - (1 + Math.floor(rng.next() * windowSeconds)) * 1000);

  const pd = clamp(
    ARCHETYPE_PROFILES[archetype].baseAnnualPd * incomeRatio ** -0.5 * (age < 25 ? 1.3 : 1) * rng.lognormal(0, 0.4),
    0.002,
    0.95,
  );
  const behaviour = jitterBehaviour(rng, archetype, incomeRatio, age);

  let dormantFrom: Date | null = null;
  if (rng.bernoulli(ARCHETYPE_PROFILES[archetype].dormancyProbability)) {
    const earliest = onboardedAt.getTime() + 60 * DAY_MS;
    const latest = asOf.getTime() - NEW_CUSTOMER_DAYS * DAY_MS;
    if (earliest < latest) dormantFrom = new Date(Math.floor(rng.uniform(earliest, latest) / 1000) * 1000);
  }

  return {
    id,
    index,
    region,
    onboardedAt,
    declaredAnnualIncome: yuan(roundedIncomeYuan),
    birthYear,
    education,
    archetype,
    latentAnnualPd: round6(pd),
    lifecycleHint: lifecycleHintOf(archetype, pd, onboardedAt, dormantFrom, asOf),
    dormantFrom,
    behaviour,
  };
}

/** Validated [startIndex, startIndex + customers) of a population. */
export function populationSlice(options: { customers: number; startIndex?: number }): { start: number; count: number } {
  const start = options.startIndex ?? 0;
  if (!Number.isSafeInteger(options.customers) || options.customers < 0) throw new RangeError('customers must be a whole number >= 0');
  if (!Number.isSafeInteger(start) || start < 0) throw new RangeError('startIndex must be a whole number >= 0');
  return { start, count: options.customers };
}

/** Customers one at a time, for populations too large to hold. */
export function* customerStream(options: PopulationOptions): Generator<SimulatedCustomer> {
  const opts = checkOptions(options);
  const { start, count } = populationSlice(options);
  for (let i = start; i < start + count; i++) yield buildCustomer(options.seed, i, opts);
}

export function generatePopulation(options: PopulationOptions): SimulatedCustomer[] {
  return [...customerStream(options)];
}
