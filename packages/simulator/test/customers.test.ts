import { CUSTOMER_ID_PATTERN, EDUCATION_LEVELS, isRegionCode, LIFECYCLE_STAGES } from '@jc/domain';
import { ARCHETYPES, ARCHETYPE_PROFILES } from '../src/archetypes';
import { customerStream, generateCustomer, generatePopulation } from '../src/customers';
import { customerIdFor } from '../src/ids';

const asOf = '2025-07-01';
const asOfMs = Date.parse('2025-07-01T00:00:00Z');

describe('customers', () => {
  const population = generatePopulation({ seed: 'pop', customers: 3000, asOf });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generatePopulation({ seed: 'pop', customers: 50, asOf })).toEqual(population.slice(0, 50));
    const other = generatePopulation({ seed: 'pop2', customers: 50, asOf });
    expect(other.map((c) => c.id)).not.toEqual(population.slice(0, 50).map((c) => c.id));
    expect(other.map((c) => c.declaredAnnualIncome)).not.toEqual(population.slice(0, 50).map((c) => c.declaredAnnualIncome));
  });

  it('generates customer k the same way whatever the population size', () => {
    for (const index of [0, 1, 17, 2999]) expect(generateCustomer('pop', index, { asOf })).toEqual(population[index]);
    expect(generatePopulation({ seed: 'pop', customers: 5, asOf, startIndex: 100 })).toEqual(population.slice(100, 105));
    expect([...customerStream({ seed: 'pop', customers: 3, asOf })]).toEqual(population.slice(0, 3));
  });

  it('gives unique ids that match the domain pattern and depend only on seed and index', () => {
    const ids = new Set(population.map((c) => c.id));
    expect(ids.size).toBe(population.length);
    for (const c of population) expect(c.id).toMatch(CUSTOMER_ID_PATTERN);
    expect(customerIdFor('pop', 5)).toBe(population[5]!.id);
    expect(customerIdFor('pop', Number.MAX_SAFE_INTEGER)).toMatch(CUSTOMER_ID_PATTERN);
    expect(() => customerIdFor('pop', -1)).toThrow(RangeError);
  });

  it('fills the profile with plausible values', () => {
    // Checks collected per customer: thousands of expect() calls would dominate the test's time.
    const problems: string[] = [];
    const check = (ok: boolean, what: string, id: string): void => {
      if (!ok) problems.push(`${id}: ${what}`);
    };
    for (const c of population) {
      const age = 2025 - c.birthYear;
      const b = c.behaviour;
      check(isRegionCode(c.region), `region ${c.region}`, c.id);
      check(EDUCATION_LEVELS.includes(c.education), `education ${c.education}`, c.id);
      check((ARCHETYPES as readonly string[]).includes(c.archetype), `archetype ${c.archetype}`, c.id);
      check(LIFECYCLE_STAGES.includes(c.lifecycleHint), `lifecycle ${c.lifecycleHint}`, c.id);
      check(age >= 18 && age <= 65, `age ${age}`, c.id);
      check(Number.isSafeInteger(c.declaredAnnualIncome) && c.declaredAnnualIncome >= 12_000_00, `income ${c.declaredAnnualIncome}`, c.id);
      check(c.onboardedAt.getTime() < asOfMs && c.onboardedAt.getTime() >= Date.parse('2022-07-01T00:00:00Z'), 'onboardedAt', c.id);
      check(c.latentAnnualPd > 0 && c.latentAnnualPd < 1, `pd ${c.latentAnnualPd}`, c.id);
      check(!c.dormantFrom || c.dormantFrom.getTime() > c.onboardedAt.getTime(), 'dormantFrom', c.id);
      check(b.monthlyFrequency > 0 && b.onlineShare > 0 && b.onlineShare < 1 && b.cashDrawProbability < 1, 'behaviour', c.id);
    }
    expect(problems).toEqual([]);
    const incomes = population.map((c) => c.declaredAnnualIncome / 100).sort((a, b) => a - b);
    const median = incomes[incomes.length >> 1]!;
    expect(median).toBeGreaterThan(40_000);
    expect(median).toBeLessThan(100_000);
  });

  it('spreads customers over regions by population and archetypes by share', () => {
    const count = (pred: (c: (typeof population)[number]) => boolean): number => population.filter(pred).length;
    expect(count((c) => c.region === '44')).toBeGreaterThan(count((c) => c.region === '54') * 5);
    for (const a of ARCHETYPES) {
      expect(Math.abs(count((c) => c.archetype === a) / population.length - ARCHETYPE_PROFILES[a].share)).toBeLessThan(0.03);
    }
  });

  it('ties latent risk to archetype and income', () => {
    const meanPd = (list: typeof population): number => list.reduce((s, c) => s + c.latentAnnualPd, 0) / list.length;
    const of = (a: string): typeof population => population.filter((c) => c.archetype === a);
    expect(meanPd(of('STRUGGLING'))).toBeGreaterThan(3 * meanPd(of('STEADY_SPENDER')));
    expect(meanPd(of('STEADY_SPENDER'))).toBeGreaterThan(meanPd(of('PRUDENT_SAVER')));
    const steady = of('STEADY_SPENDER').sort((a, b) => a.declaredAnnualIncome - b.declaredAnnualIncome);
    const q = Math.floor(steady.length / 4);
    expect(meanPd(steady.slice(0, q))).toBeGreaterThan(meanPd(steady.slice(-q)));
    for (const c of of('FRAUD_LIKE')) expect(c.lifecycleHint).toBe('HIGH_RISK');
  });

  it('validates its options', () => {
    expect(() => generateCustomer('x', 0, { asOf: '2025-02-30' })).toThrow(/calendar day/);
    expect(() => generateCustomer('x', 0, { onboardingMonths: 0 })).toThrow(RangeError);
    expect(() => generatePopulation({ seed: 'x', customers: -1 })).toThrow(RangeError);
  });
});
