import type { ValueTransformer } from 'typeorm';

/** pg returns bigint as a string; money and counts inside the platform are safe JS integers. */
export const bigintToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null || value === undefined) return value;
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new Error(`bigint ${value} exceeds the safe integer range`);
    return n;
  },
};
