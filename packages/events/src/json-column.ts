/** A jsonb value as a raw query returns it: drivers differ on whether they parse it. */
export const fromJsonColumn = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

/**
 * JSON text a jsonb column takes whatever the value holds. PostgreSQL refuses the escape of NUL
 * (\u0000) and of a lone surrogate (JSON.stringify escapes any it meets), so those escapes are
 * kept as visible text instead (one more backslash); everything else reads back as it was.
 */
export const toJsonColumn = (value: unknown): string =>
  JSON.stringify(value ?? null).replace(/(?<!\\)((?:\\\\)*)\\u(0000|d[89a-f][0-9a-f]{2})/gi, '$1\\\\u$2');

/** Text a text column takes: PostgreSQL refuses NUL, kept here as the visible escape \u0000. */
export const toTextColumn = (text: string): string => text.replaceAll('\u0000', '\\u0000');
