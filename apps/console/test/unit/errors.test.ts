import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { errorLines } from '../../src/components/QueryState';

const serverError = (status: number, bodyText: string) => new ServerError('Response not successful', { response: { status } as Response, bodyText });

describe('errorLines', () => {
  it('shows each GraphQL error with its code', () => {
    const error = new CombinedGraphQLErrors({ errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }, { message: 'plain' }] });
    expect(errorLines(error)).toEqual(['FORBIDDEN: no', 'plain']);
  });

  it("reads the gateway's error body of a refused request, else its status", () => {
    const body = '{"errors":[{"message":"Query cost 5401 exceeds the limit of 5000","extensions":{"code":"QUERY_TOO_COMPLEX"}}]}';
    expect(errorLines(serverError(400, body))).toEqual(['QUERY_TOO_COMPLEX: Query cost 5401 exceeds the limit of 5000']);
    expect(errorLines(serverError(502, '<html>bad gateway</html>'))).toEqual(['HTTP 502']);
  });

  it('falls back to the message of anything else', () => {
    expect(errorLines(new Error('network down'))).toEqual(['network down']);
  });
});
