import { runAllocate } from '../src/allocate-command';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAllocate(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err, last: out.length ? JSON.parse(out.at(-1)!) : null };
}

it('optimises a simulated portfolio and prints a JSON summary last, compared with HiGHS on request', async () => {
  const { code, last, err } = await run('--customers', '300', '--budget', '90%', '--seed', '7', '--compare-highs');
  expect(code).toBe(0);
  expect(err.join('\n')).toMatch(/bisect|fill/);
  // every phase, the simulation's included, reports its end once
  for (const phase of ['simulate', 'compile']) expect(err.filter((l) => l.trim() === `${phase} 100%`).length).toBeGreaterThanOrEqual(1);
  expect(err.filter((l) => l.trim() === 'simulate 100%')).toHaveLength(1);
  for (const key of ['customers', 'budget', 'objective', 'expectedLoss', 'exposure', 'seconds', 'ruleObjective', 'highsObjective', 'highsSeconds', 'gap']) {
    expect(last).toHaveProperty(key);
  }
  expect(last.exposure).toBeLessThanOrEqual(last.budget);
  expect(last.objective).toBeGreaterThanOrEqual(last.ruleObjective);
  expect(Math.abs(last.gap)).toBeLessThan(0.001);
});

it('holds the optimum to the rule baseline\'s expected loss on request, still within 0.1% of HiGHS under the same cap', async () => {
  const { code, last, err } = await run('--customers', '300', '--budget', '105%', '--seed', '7', '--loss-at-most-rule', '--compare-highs');
  expect(code).toBe(0);
  expect(err.join('\n')).toMatch(/expected-loss/);
  expect(last.expectedLoss).toBeLessThanOrEqual(last.ruleExpectedLoss);
  expect(last.expectedLossShadowPrice).toBeGreaterThan(0);
  expect(last.objective).toBeGreaterThanOrEqual(last.ruleObjective);
  expect(last.gap).toBeGreaterThanOrEqual(-1e-9);
  expect(last.gap).toBeLessThan(0.001);
});

it('states the minimum feasible budget when the budget is below the floors', async () => {
  const { code, err, out } = await run('--customers', '200', '--budget', '1.00');
  expect(code).toBe(1);
  expect(out).toEqual([]);
  expect(err.join('\n')).toMatch(/minimum feasible budget is \d+\.\d{2} CNY/);
});

it.each([
  [['--budget', '10%'], /--customers/],
  [['--customers', '10'], /--budget is required/],
  [['--customers', '10', '--budget', 'lots'], /neither a CNY amount/],
  [['--customers', '10', '--budget', '-5.00'], /must not be negative/],
  [['--customers', '10', '--budget', '5%', '--wat'], /unknown or incomplete argument/],
  [['--customers', '0x10', '--budget', '5%'], /--customers must be a whole number/],
  [['--customers', '1e1', '--budget', '5%'], /--customers must be a whole number/],
  [['--customers', '10', '--budget', '0x5A%'], /--budget as a share/],
  [['--customers', '10', '--budget', ' 90 %'], /--budget as a share/],
  [['--customers', '10', '--budget', '5%', '--seed', ''], /--seed must be a whole number from 0 to 4294967295/],
  [['--customers', '10', '--budget', '5%', '--seed', '-1'], /--seed must be/],
  [['--customers', '10', '--budget', '5%', '--seed', '4294967296'], /--seed must be/],
  [['--customers', '10', '--customers', '20', '--budget', '5%'], /--customers is given more than once/],
])('refuses bad arguments %p', async (argv, message) => {
  const { code, err } = await run(...argv);
  expect(code).toBe(2);
  expect(err[0]).toMatch(/^allocate: /);
  expect(err[0]).toMatch(message);
});
