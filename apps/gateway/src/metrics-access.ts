import { createHash, timingSafeEqual } from 'node:crypto';
import type { GatewayConfig } from './config';

export type MetricsAccess = 'OPEN' | 'UNAUTHORIZED' | 'HIDDEN';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Who may read /metrics: operation names and latencies describe the traffic, and the gateway's port
 * is the public one. Digests are compared so that neither the token nor its length leaks by timing.
 */
export function metricsAccess(config: Pick<GatewayConfig, 'metricsToken' | 'production'>, authorization: string | undefined): MetricsAccess {
  if (config.metricsToken === undefined) return config.production ? 'HIDDEN' : 'OPEN';
  const given = /^bearer +(\S+)$/i.exec(authorization ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(config.metricsToken)) ? 'OPEN' : 'UNAUTHORIZED';
}
