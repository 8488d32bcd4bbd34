import { runService, type Database, type Logger, type RunServiceOptions, type ServiceConfig, type SubgraphServer } from '@jc/subgraph-kit';
import type { EventBus } from './bus';
import { NatsJetStreamBus } from './nats-bus';
import { retentionFromEnv } from './retention';
import type { ServiceEvents } from './service-events';

export type EventfulServer = SubgraphServer & { events: ServiceEvents };

/**
 * Ties a service's events to its server's life: consumers and relay start once it listens and
 * stop before it closes its database, so no effect runs against a closed pool.
 */
export function withEvents(server: SubgraphServer, events: ServiceEvents): EventfulServer {
  return {
    ...server,
    events,
    async listen(port, host) {
      const url = await server.listen(port, host);
      await events.start();
      return url;
    },
    async stop() {
      await events.stop();
      await server.stop();
    },
  };
}

/**
 * The production bus when NATS_URL is set (NATS_STREAM and NATS_SUBJECT_PREFIX keep separate
 * platforms, such as a test run's, apart on one server); otherwise none: a lone process keeps
 * its outbox until a bus is there. The stream's limits come from EVENTS_STREAM_*; a bad value
 * fails here, before anything connects.
 */
export async function busFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): Promise<EventBus | null> {
  const retention = retentionFromEnv(env);
  if (!env.NATS_URL) return null;
  return NatsJetStreamBus.connect({
    servers: env.NATS_URL,
    name: service,
    stream: env.NATS_STREAM || undefined,
    subjectPrefix: env.NATS_SUBJECT_PREFIX || undefined,
    maxAgeMs: retention.streamMaxAgeMs,
    maxBytes: retention.streamMaxBytes,
  });
}

/** A subgraph service as both launchers run it: alone in its process, or beside the others in one. */
export interface EventfulService extends Omit<RunServiceOptions, 'createServer'> {
  createServer(database: Database, logger: Logger, config: ServiceConfig, bus: EventBus | null): Promise<EventfulServer>;
}

/** One service in its own process: its bus is NATS JetStream when NATS_URL is set. */
export function runEventfulService(service: EventfulService): Promise<void> {
  return runService({ ...service, createServer: async (database, logger, config) => service.createServer(database, logger, config, await busFromEnv(service.service)) });
}
