import fc from 'fast-check';

export interface FuzzedMutation {
  name: string;
  query: string;
  /** Inputs that must all be refused; the literal customer id "OWN" is replaced by a seeded customer's id. */
  inputs: fc.Arbitrary<Record<string, unknown>>;
}

export const junk = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 1e308, Number.MAX_SAFE_INTEGER, -0.5),
  fc.constantFrom('-100.00', '1e9', '99999999999999999999.99', '0.001', 'NaN', '１２３', '\u0000', '💳'),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** A valid input with at least one field replaced by junk. */
export function broken<T extends Record<string, unknown>>(valid: T) {
  const keys = Object.keys(valid);
  return fc
    .record(Object.fromEntries(keys.map((k) => [k, fc.option(junk, { nil: undefined })])) as Record<string, fc.Arbitrary<unknown>>)
    .filter((patch) => Object.values(patch).some((v) => v !== undefined))
    .map((patch) => {
      const input: Record<string, unknown> = { ...valid };
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) input[k] = v;
      return input;
    });
}
