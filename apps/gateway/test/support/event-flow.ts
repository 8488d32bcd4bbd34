import { InProcessBus, NatsJetStreamBus, type EventBus } from '@jc/events';
import { asRole, startTestStack } from './stack';

/**
 * The bus a flow test runs on: real NATS JetStream when TEST_NATS_URL is set (CI's second pass),
 * on a stream and subjects of the test's own, else the in-process bus of the embedded default.
 */
export async function testBus(): Promise<{ bus: EventBus; dispose(): Promise<void> }> {
  const url = process.env.TEST_NATS_URL;
  if (!url) {
    const bus = new InProcessBus();
    return { bus, dispose: () => bus.close() };
  }
  const name = `JC_FLOW_${process.pid}_${Date.now()}`;
  const bus = await NatsJetStreamBus.connect({ servers: url, stream: name, subjectPrefix: name, ackWaitMs: 2000 });
  return {
    bus,
    async dispose() {
      await bus.deleteStream();
      await bus.close();
    },
  };
}

/** Asks the gateway until `done` holds for the answer; fails with the last answer after `timeoutMs`. */
export async function eventually<T>(gatewayUrl: string, query: string, variables: Record<string, unknown>, done: (data: T) => boolean, timeoutMs = 20_000, pollMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const { body } = await asRole('ANALYST', gatewayUrl, query, variables);
    last = body;
    if (!body.errors && body.data && done(body.data as T)) return body.data as T;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms; last answer: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

export interface FlowTarget {
  gatewayUrl: string;
  stop(): Promise<void>;
}

/** The running stack at STACK_GATEWAY_URL, or the three subgraphs and a gateway started here on a bus. */
export async function flowTarget(): Promise<FlowTarget> {
  const external = process.env.STACK_GATEWAY_URL;
  if (external) return { gatewayUrl: external, stop: async () => undefined };
  const { bus, dispose } = await testBus();
  const stack = await startTestStack(5, {}, { bus });
  return {
    gatewayUrl: stack.gatewayUrl,
    async stop() {
      await stack.stop();
      await dispose();
    },
  };
}
