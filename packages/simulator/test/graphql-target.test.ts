import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseMoney } from '@jc/domain';
import { runCli } from '../src/run-cli';
import {
  GraphqlBatchSender,
  GraphqlTargetError,
  recordMutation,
  sendSimulation,
  toRepaymentInput,
  toTransactionInput,
  type RepaymentInput,
  type TransactionInput,
} from '../src/graphql-target';
import { simulatePortfolio } from '../src/portfolio';

interface Received {
  headers: IncomingHttpHeaders;
  query: string;
  input: Array<TransactionInput | RepaymentInput>;
}

type Reply = (received: Received, n: number) => { status: number; body: unknown };

/** A tiny GraphQL stand-in: records every request and answers with `reply`. */
async function startServer(reply: Reply = () => ({ status: 200, body: { data: { ok: 1 } } })): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables: { input: Received['input'] } };
      const entry = { headers: req.headers, query: body.query, input: body.variables.input };
      received.push(entry);
      const { status, body: out } = reply(entry, received.length);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(typeof out === 'string' ? out : JSON.stringify(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/graphql`, received, server };
}

const stop = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));
const silentIo = { stdout: { write: () => true }, stderr: { write: () => true } };

describe('GraphQL encoding', () => {
  it('encodes money as major-unit decimal strings and dates as ISO', () => {
    const at = new Date('2025-03-04T05:06:07.089Z');
    expect(
      toTransactionInput({ eventId: 'e', customerId: 'c', product: 'PAY_LATER', amount: 12345, merchantCategory: 'GROCERY', channel: 'ONLINE', occurredAt: at }),
    ).toEqual({ eventId: 'e', customerId: 'c', product: 'PAY_LATER', amount: '123.45', merchantCategory: 'GROCERY', channel: 'ONLINE', occurredAt: '2025-03-04T05:06:07.089Z' });
    expect(toRepaymentInput({ eventId: 'r', customerId: 'c', product: 'CASH_LOAN', amount: 5, dueDate: at, paidAt: null })).toEqual({
      eventId: 'r',
      customerId: 'c',
      product: 'CASH_LOAN',
      amount: '0.05',
      dueDate: '2025-03-04T05:06:07.089Z',
      paidAt: null,
    });
    expect(recordMutation('recordTransactions')).toBe(
      'mutation RecordTransactions($input: [TransactionInput!]!) { recordTransactions(input: $input) }',
    );
    expect(recordMutation('recordRepayments', '{ accepted }')).toBe(
      'mutation RecordRepayments($input: [RepaymentInput!]!) { recordRepayments(input: $input) { accepted } }',
    );
  });
});

describe('sending to a gateway', () => {
  const options = { seed: 'gql', customers: 12, months: 3, asOf: '2025-05-01' };

  it('sends every event once, in batches, with the bearer token', async () => {
    const { url, received, server } = await startServer();
    try {
      const result = await sendSimulation({ ...options, url, token: 's3cret', batchSize: 100 });
      const portfolio = simulatePortfolio(options);
      const tx = received.filter((r) => r.query.includes('recordTransactions(input: $input)'));
      const rp = received.filter((r) => r.query.includes('recordRepayments(input: $input)'));
      expect(tx.flatMap((r) => r.input)).toEqual(portfolio.transactions.map(toTransactionInput));
      expect(rp.flatMap((r) => r.input)).toEqual(portfolio.repayments.map(toRepaymentInput));
      expect(received.every((r) => r.input.length <= 100 && r.input.length > 0)).toBe(true);
      expect(tx.length).toBe(Math.ceil(portfolio.transactions.length / 100));
      expect(received.every((r) => r.headers.authorization === 'Bearer s3cret' && r.headers['content-type'] === 'application/json')).toBe(true);
      expect(result.requests).toBe(received.length);
      expect(result.progress.transactions).toBe(portfolio.transactions.length);
      const amounts = tx.flatMap((r) => r.input.map((i) => i.amount));
      expect(amounts.every((a) => /^\d+\.\d{2}$/.test(a))).toBe(true);
      expect(amounts.map(parseMoney)).toEqual(portfolio.transactions.map((t) => t.amount));
    } finally {
      await stop(server);
    }
  });

  it('omits the Authorization header without a token', async () => {
    const { url, received, server } = await startServer();
    try {
      const sender = new GraphqlBatchSender({ url, batchSize: 2 });
      const t = simulatePortfolio({ ...options, customers: 1 }).transactions;
      for (const x of t.slice(0, 5)) await sender.addTransaction(x);
      expect(received).toHaveLength(2);
      await sender.flush();
      expect(received.map((r) => r.input.length)).toEqual([2, 2, 1]);
      expect(received[0]!.headers.authorization).toBeUndefined();
      expect(sender.sentTransactions).toBe(5);
    } finally {
      await stop(server);
    }
  });

  it('retries a busy gateway, then succeeds', async () => {
    const { url, received, server } = await startServer((_, n) => (n === 1 ? { status: 503, body: 'busy' } : { status: 200, body: { data: {} } }));
    try {
      const result = await sendSimulation({ ...options, customers: 1, url, retryDelayMs: 1 });
      expect(received.length).toBe(result.requests);
      expect(received[0]!.input).toEqual(received[1]!.input);
    } finally {
      await stop(server);
    }
  });

  it('stops with a clear error on GraphQL errors and HTTP failures', async () => {
    const gqlErrors = await startServer(() => ({ status: 200, body: { errors: [{ message: 'Unknown type "TransactionInput"' }] } }));
    const forbidden = await startServer(() => ({ status: 401, body: 'nope' }));
    try {
      await expect(sendSimulation({ ...options, url: gqlErrors.url })).rejects.toThrow(GraphqlTargetError);
      await expect(sendSimulation({ ...options, url: gqlErrors.url })).rejects.toThrow(/recordTransactions batch of \d+ was rejected: Unknown type/);
      await expect(sendSimulation({ ...options, url: forbidden.url, retryDelayMs: 1 })).rejects.toThrow(/HTTP 401 nope/);
      expect(forbidden.received).toHaveLength(1); // a client error is not retried
      await expect(sendSimulation({ ...options, url: 'http://127.0.0.1:9/graphql', retries: 1, retryDelayMs: 1 })).rejects.toThrow(/could not reach/);
    } finally {
      await stop(gqlErrors.server);
      await stop(forbidden.server);
    }
  });

  it('is what the CLI does with --target', async () => {
    const ok = await startServer();
    const failing = await startServer(() => ({ status: 500, body: { errors: [{ message: 'boom' }] } }));
    try {
      const args = ['--customers', '3', '--months', '2', '--as-of', '2025-05-01', '--batch', '40'];
      expect(await runCli([...args, '--target', ok.url, '--token', 'tok'], silentIo)).toBe(0);
      expect(ok.received.length).toBeGreaterThan(0);
      expect(ok.received.every((r) => r.headers.authorization === 'Bearer tok' && r.input.length <= 40)).toBe(true);
      const err: string[] = [];
      const io = { stdout: { write: () => true }, stderr: { write: (t: string) => err.push(t) > 0 } };
      expect(await runCli([...args, '--target', failing.url], io)).toBe(1);
      expect(err.join('')).toMatch(/HTTP 500/);
    } finally {
      await stop(ok.server);
      await stop(failing.server);
    }
  });
});
