import type { Principal } from '@jc/auth';

export interface GatewayContext {
  principal: Principal;
  requestId: string;
  /** W3C trace context for this request as forwarded to the subgraphs. */
  traceparent: string;
}
