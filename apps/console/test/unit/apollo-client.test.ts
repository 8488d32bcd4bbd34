/** @jest-environment node */
import { createApolloClient } from '../../src/apollo/client';
import { SCORING_MODELS } from '../../src/graphql/models';

const reply = (status: number, body: unknown) =>
  Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

describe('the Apollo client', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  it('sends the bearer token to the same-origin /graphql', async () => {
    const fetchMock = jest.fn((_url: string, _init: RequestInit) => reply(200, { data: { scoringModels: [] } }));
    global.fetch = fetchMock as unknown as typeof fetch;
    const onUnauthenticated = jest.fn();
    const { data } = await createApolloClient(() => 'tok', onUnauthenticated).query({ query: SCORING_MODELS });
    expect(data).toEqual({ scoringModels: [] });
    expect(fetchMock.mock.calls[0]![0]).toBe('/graphql');
    expect(new Headers(fetchMock.mock.calls[0]![1].headers).get('authorization')).toBe('Bearer tok');
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('ends the session when the gateway answers 401, and only then', async () => {
    const onUnauthenticated = jest.fn();
    global.fetch = jest.fn(() => reply(401, { errors: [{ message: 'token expired', extensions: { code: 'UNAUTHENTICATED' } }] })) as unknown as typeof fetch;
    await expect(createApolloClient(() => 'old', onUnauthenticated).query({ query: SCORING_MODELS })).rejects.toThrow();
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    global.fetch = jest.fn(() => reply(400, { errors: [{ message: 'too complex', extensions: { code: 'QUERY_TOO_COMPLEX' } }] })) as unknown as typeof fetch;
    await expect(createApolloClient(() => 'tok', onUnauthenticated).query({ query: SCORING_MODELS })).rejects.toThrow();
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });
});
