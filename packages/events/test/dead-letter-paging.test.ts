import { encodeCursor, type Database } from '@jc/subgraph-kit';
import { deadLetterResolvers, ServiceEvents } from '../src';
import { openEventsTestDatabase, utilisation } from './support';

let db: Database;
beforeAll(async () => {
  db = await openEventsTestDatabase('events-dead-letter-paging');
});
afterAll(async () => db?.close());

const resolvers = deadLetterResolvers((events: ServiceEvents) => events);
const ignore = async () => undefined;

it('pages through dead letters whatever their ids, and one id parked by two consumers, each exactly once', async () => {
  const events = new ServiceEvents({
    dataSource: db.dataSource,
    consumers: ['test.paging-a', 'test.paging-b'].map((name) => ({ name, effects: { 'utilisation.recorded': ignore } })),
  });
  // invalid messages are parked under whatever id they carry
  const ids = ['evt.1', 'evt 2', 'evt/3', 'evt:4', 'évt\u00005', '"quoted",6'];
  for (const id of ids) await events.deliver('test.paging-a', { id, type: 'utilisation.recorded' });
  await events.deliver('test.paging-b', { id: 'evt.1', type: 'utilisation.recorded' });
  const valid = utilisation('c_00000000000000d1', -1); // breaks its contract too, with a proper id
  await events.deliver('test.paging-b', valid);

  const seen: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page += 1) {
    const connection: Awaited<ReturnType<typeof resolvers.list>> = await resolvers.list(null, { first: 1, after }, events);
    seen.push(...connection.edges.map((e) => `${e.node.consumer} ${e.node.eventId}`));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  expect(seen.sort()).toEqual(
    [...ids.map((id) => `test.paging-a ${id.replace('\u0000', '\\u0000')}`), 'test.paging-b evt.1', `test.paging-b ${valid.id}`].sort(),
  );

  // any stored id can be asked for; a parked invalid message cannot be replayed
  await expect(resolvers.replay(null, { input: { consumer: 'test.paging-a', eventId: 'evt 2' } }, events)).rejects.toThrow(/cannot replay an invalid event/);
});

it('refuses a cursor that does not decode to a dead letter position', async () => {
  const events = new ServiceEvents({ dataSource: db.dataSource, consumers: [{ name: 'test.paging-c', effects: { 'utilisation.recorded': ignore } }] });
  for (const after of ['not base64!', encodeCursor('evt.1'), encodeCursor('["evt.1"]'), encodeCursor(JSON.stringify(['', 'test.paging-c'])), encodeCursor(JSON.stringify(['x'.repeat(101), 'c']))]) {
    await expect(resolvers.list(null, { first: 5, after }, events)).rejects.toThrow('after is not a valid cursor');
  }
});
