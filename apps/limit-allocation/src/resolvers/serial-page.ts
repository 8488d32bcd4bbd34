import { checkPageSize, decodeCursor } from '@jc/subgraph-kit';

/** A bigserial id, as the cursors of newest-first pages carry it. */
const SERIAL_ID = /^[1-9]\d{0,18}$/;

/** The page size and the id to continue before, for a page of rows keyed by a bigserial id. */
export function serialPage(first: number, after: string | null | undefined): { size: number; before: string | undefined } {
  const size = checkPageSize(first);
  return { size, before: after ? decodeCursor(after, (k) => SERIAL_ID.test(k)) : undefined };
}
