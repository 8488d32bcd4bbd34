import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { PUBLIC_ERROR_CODES } from '@jc/subgraph-kit/src/errors';
import { signIdentity } from '@jc/auth';
import type { GatewayContext } from './context';

/** Every subgraph call carries the caller's verified identity, signed, plus request id and trace context. */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(options: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0], private readonly secret: string) {
    super(options);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers || !('principal' in context) || !context.principal) return;
    const signed = signIdentity({ principal: context.principal, requestId: context.requestId, issuedAt: Date.now() }, this.secret);
    for (const [name, value] of Object.entries(signed)) headers.set(name, value);
    headers.set('x-request-id', context.requestId);
    headers.set('traceparent', context.traceparent);
  }

  /**
   * A subgraph refuses some bad input before execution with HTTP 400 (variables that its scalars
   * reject, such as a Money string with three decimals). Its error is already safe and coded:
   * pass it on instead of a bare "400: Bad Request" that clients could not act on.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    // The client's token was verified here, so a subgraph refusing the signed identity means the
    // gateway and it disagree (INTERNAL_AUTH_SECRET, clocks). Passed on as UNAUTHENTICATED it would
    // send clients to log in again, to no avail; as an internal error it is masked and logged.
    if (response.status === 401 || response.status === 403) {
      return new GraphQLError(`The subgraph at ${response.url || this.url} refused the gateway's signed identity (HTTP ${response.status}): check INTERNAL_AUTH_SECRET and the clocks`, {
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
    }
    if (response.status === 400) {
      try {
        const body = (await response.clone().json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
        const first = body.errors?.find((e) => PUBLIC_ERROR_CODES.has(String(e.extensions?.code)));
        if (first) return new GraphQLError(first.message, { extensions: { code: first.extensions?.code } });
      } catch {
        // not a GraphQL body: fall through to the generic error
      }
    }
    return super.errorFromResponse(response);
  }
}
