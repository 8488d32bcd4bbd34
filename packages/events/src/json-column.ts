/** A jsonb value as a raw query returns it: drivers differ on whether they parse it. */
export const fromJsonColumn = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);
