import type { ValueTransformer } from 'typeorm';

/** pg returns numeric as a string; rates and multipliers here have a few decimals and fit a double. */
export const numericToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? value : Number(value)),
};
