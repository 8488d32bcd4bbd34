import type { ValueTransformer } from 'typeorm';

/** pg returns numeric as a string; rates and multipliers here have a few decimals and fit a double. */
export const numericToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? value : Number(value)),
};

/** A bigserial id kept as the string the API shows (pg already returns bigint as a string). */
export const bigintToString: ValueTransformer = {
  to: (value: string | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : String(value)),
};
