import { Writable } from 'node:stream';
import pino from 'pino';
import { createCreditScoringServer, openCreditScoringTestDatabase } from '@jc/credit-scoring';
import { TEST_INTERNAL_SECRET, type SubgraphServer } from '@jc/subgraph-kit';
import { readGatewayConfig } from '../src/config';
import { createGatewayServer, type GatewayServer } from '../src';
import { asRole } from './support/stack';

/**
 * A subgraph refusing the gateway's signed identity (secrets out of step after a rotation, or
 * clocks apart) is the platform's fault: the client's token was already verified.
 */
describe('a subgraph that refuses the gateway', () => {
  const logged: Record<string, any>[] = [];
  let subgraph: SubgraphServer;
  let gateway: GatewayServer;
  let url: string;

  beforeAll(async () => {
    subgraph = await createCreditScoringServer({ database: await openCreditScoringTestDatabase(), internalSecret: `${TEST_INTERNAL_SECRET}-rotated`, logger: pino({ level: 'silent' }) });
    const subgraphUrl = await subgraph.listen(0);
    const sink = new Writable({ write(chunk, _enc, done) { for (const l of String(chunk).split('\n')) if (l) logged.push(JSON.parse(l)); done(); } });
    gateway = await createGatewayServer(
      { ...readGatewayConfig({ NODE_ENV: 'test', INTERNAL_AUTH_SECRET: TEST_INTERNAL_SECRET }), subgraphUrls: { 'credit-scoring': subgraphUrl } },
      pino({ level: 'warn' }, sink),
    );
    url = await gateway.listen(0);
  });
  afterAll(async () => {
    await gateway?.stop();
    await subgraph?.stop();
  });

  it('is an internal error to the client, not a token problem, and is logged for operators', async () => {
    const { status, body } = await asRole('ANALYST', url, '{ customers(first: 1) { edges { cursor } } }');
    expect(status).toBe(200);
    const [error] = body.errors ?? [];
    expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error?.message).toBe('Internal server error');
    expect(logged.filter((l) => l.msg === 'error hidden from client' && l.requestId === error?.extensions?.requestId)).toHaveLength(1);
  });
});
