import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
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
}
