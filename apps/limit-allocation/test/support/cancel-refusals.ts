import { testPrincipals, type Database } from '@jc/subgraph-kit';

type Principal = typeof testPrincipals.admin;
type Result = { errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };

export const codeOf = (r: Result) => r.errors?.[0]?.extensions?.code;

/** Every row a cancellation could touch, to prove a refused one changed nothing. */
export async function overlayDigest(database: Database): Promise<string> {
  const tables = ['credit_lines', 'uplifts', 'campaigns', 'limit_decisions', 'event_outbox', 'portfolio_budget'];
  return JSON.stringify(await Promise.all(tables.map((t) => database.dataSource.query(`SELECT * FROM ${t} ORDER BY 1`))));
}

interface Refusals {
  /** The id of an overlay that can still be cancelled; read once the suite's beforeAll ran. */
  target: () => string;
  cancel: (id: string, reason?: string, who?: Principal) => Promise<Result>;
  digest: () => Promise<string>;
  /** Ids naming nothing: well formed but unknown, and malformed. */
  unknownIds: string[];
}

/** The refusals uplifts and campaigns share: each with its code, and nothing changed. */
export function itRefusesCancelling({ target, cancel, digest, unknownIds }: Refusals): void {
  const refused = async (res: Promise<Result>, code: string, message?: string) => {
    const before = await digest();
    const result = await res;
    expect(codeOf(result)).toBe(code);
    if (message) expect(result.errors![0]!.message).toContain(message);
    expect(await digest()).toBe(before);
  };

  it.each([
    ['an empty reason', '   '],
    ['a reason over 200 characters', 'x'.repeat(201)],
  ])('%s with BAD_USER_INPUT naming input.reason', (_name, reason) => refused(cancel(target(), reason), 'BAD_USER_INPUT', 'input.reason'));

  it('an unknown id with NOT_FOUND', async () => {
    for (const id of unknownIds) await refused(cancel(id), 'NOT_FOUND');
  });

  it('an ANALYST with FORBIDDEN', () => refused(cancel(target(), 'r', testPrincipals.analyst), 'FORBIDDEN'));

  it('a second cancel with CONFLICT', async () => {
    expect((await cancel(target(), 'first')).errors).toBeUndefined();
    await refused(cancel(target(), 'second'), 'CONFLICT', 'already cancelled');
  });
}
