import { INTERRUPTED_EXIT_CODE, seedInterruptedMessage } from '../seed-interrupt';

describe('Ctrl-C during the demo seed', () => {
  it('says which seeds were cut short and that the next start redoes them, on one line', () => {
    const message = seedInterruptedMessage(['credit-scoring', 'behaviour-analytics'], '/home/me/.data');
    expect(message).toBe(
      'Interrupted while seeding the demo data (credit-scoring, behaviour-analytics): the next npm start discards the partial data under /home/me/.data and seeds it again.',
    );
    expect(message).not.toContain('\n');
  });

  it('still reads well without a service list', () => {
    expect(seedInterruptedMessage([], '/d')).toMatch(/^Interrupted while seeding the demo data: the next npm start /);
  });

  it('exits as a shell reports a Ctrl-C', () => {
    expect(INTERRUPTED_EXIT_CODE).toBe(130);
  });
});
