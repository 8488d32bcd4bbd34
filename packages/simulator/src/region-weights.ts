import { REGIONS } from '@jc/domain';

/**
 * Rough resident population in millions (2020 census, rounded) drives how customers spread over
 * provinces; the income factor is a rough ratio of provincial to national disposable income, so
 * Shanghai customers earn more than Gansu customers on average.
 */
const POPULATION_AND_INCOME: Readonly<Record<string, readonly [number, number]>> = {
  '11': [21.9, 1.9],
  '12': [13.9, 1.3],
  '13': [74.6, 0.85],
  '14': [34.9, 0.8],
  '15': [24.0, 0.95],
  '21': [42.6, 0.95],
  '22': [24.1, 0.8],
  '23': [31.9, 0.8],
  '31': [24.9, 2.0],
  '32': [84.7, 1.3],
  '33': [64.6, 1.5],
  '34': [61.0, 0.9],
  '35': [41.5, 1.15],
  '36': [45.2, 0.85],
  '37': [101.5, 1.0],
  '41': [99.4, 0.75],
  '42': [57.8, 0.95],
  '43': [66.4, 0.9],
  '44': [126.0, 1.25],
  '45': [50.1, 0.75],
  '46': [10.1, 0.85],
  '50': [32.1, 0.95],
  '51': [83.7, 0.85],
  '52': [38.6, 0.7],
  '53': [47.2, 0.72],
  '54': [3.6, 0.7],
  '61': [39.5, 0.8],
  '62': [25.0, 0.65],
  '63': [5.9, 0.75],
  '64': [7.2, 0.78],
  '65': [25.9, 0.75],
};

export const REGION_CODES: readonly string[] = REGIONS.map((r) => r.code);

export const REGION_POPULATION_WEIGHTS: readonly number[] = REGION_CODES.map((code) => POPULATION_AND_INCOME[code]?.[0] ?? 1);

export function regionIncomeFactor(code: string): number {
  return POPULATION_AND_INCOME[code]?.[1] ?? 1;
}
