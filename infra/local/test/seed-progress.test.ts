import { createLogger } from '@jc/subgraph-kit';
import { reportingLogger, SeedProgress } from '../seed-progress';

function progress() {
  const lines: string[] = [];
  let now = 0;
  const seeds = new SeedProgress((line) => lines.push(line), () => now, 3_000);
  return { seeds, lines, advance: (ms: number) => (now += ms) };
}

describe('the seeding progress of npm start', () => {
  it('prints a line per service as its seed begins and ends, and knows which are under way', () => {
    const { seeds, lines, advance } = progress();
    seeds.begin('credit-scoring');
    seeds.begin('limit-allocation');
    expect(seeds.underWay).toEqual(['credit-scoring', 'limit-allocation']);
    advance(4_250);
    seeds.end('credit-scoring');
    expect(seeds.underWay).toEqual(['limit-allocation']);
    expect(lines).toEqual([
      expect.stringMatching(/^Seeding the demo data/),
      '  credit-scoring       seeding ...',
      '  limit-allocation     seeding ...',
      '  credit-scoring       seeded in 4.3 s',
    ]);
  });

  it('shows progress messages at most every few seconds per service', () => {
    const { seeds, lines, advance } = progress();
    seeds.begin('behaviour-analytics');
    for (let i = 1; i <= 20; i++) {
      advance(500);
      seeds.report('behaviour-analytics', 'seeding demo behaviour', { customers: i * 50, of: 1000, events: i * 5000, nested: { no: 1 } });
    }
    // 10 s of messages every half second: one line per 3 s
    expect(lines.slice(2)).toEqual([
      '  behaviour-analytics  seeding demo behaviour: customers 300/1000, events 30000',
      '  behaviour-analytics  seeding demo behaviour: customers 600/1000, events 60000',
      '  behaviour-analytics  seeding demo behaviour: customers 900/1000, events 90000',
    ]);
  });

  it('ignores reports and ends of a service whose seed it was not told of', () => {
    const { seeds, lines, advance } = progress();
    advance(10_000);
    seeds.report('credit-scoring', 'scoring');
    seeds.end('credit-scoring');
    expect(lines).toEqual([]);
  });
});

describe('a reporting logger', () => {
  it('hands info messages to the reporter and still logs at the level it was given', () => {
    const reported: Array<[string, Record<string, unknown> | undefined]> = [];
    const logger = createLogger('test', 'silent');
    const info = jest.spyOn(logger, 'info');
    const reporting = reportingLogger(logger, (message, fields) => reported.push([message, fields]));
    reporting.info({ customers: 3 }, 'seeding');
    reporting.info('done');
    reporting.warn('not progress');
    expect(reported).toEqual([
      ['seeding', { customers: 3 }],
      ['done', undefined],
    ]);
    expect(info).toHaveBeenCalledTimes(2);
    expect(reporting.isLevelEnabled('warn')).toBe(false);
    expect(reporting.child({ a: 1 }).level).toBe('silent');
  });
});
