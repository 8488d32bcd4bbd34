/** A client-chosen retry key: printable ASCII without spaces, so it survives logs, headers and copy-paste unchanged. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

export const IDEMPOTENCY_KEY_RULE = 'must be 1 to 128 printable ASCII characters without spaces';

export function isIdempotencyKey(key: string): boolean {
  return IDEMPOTENCY_KEY.test(key);
}
