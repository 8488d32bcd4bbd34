import { readServiceConfig } from '../src/service-runner';

const SECRET = { INTERNAL_AUTH_SECRET: 'x'.repeat(32) };

describe('readServiceConfig', () => {
  it('dates the demo from the day the service starts unless DEMO_AS_OF says otherwise', () => {
    const before = new Date().toISOString().slice(0, 10);
    const { demoAsOf } = readServiceConfig(4001, SECRET);
    const after = new Date().toISOString().slice(0, 10);
    expect([before, after]).toContain(demoAsOf);
    expect(readServiceConfig(4001, { ...SECRET, DEMO_AS_OF: '2025-07-01' }).demoAsOf).toBe('2025-07-01');
  });

  it('refuses a DEMO_AS_OF that is not a date, a bad port and a short secret', () => {
    expect(() => readServiceConfig(4001, { ...SECRET, DEMO_AS_OF: '2025-13-45' })).toThrow(/DEMO_AS_OF/);
    expect(() => readServiceConfig(4001, { ...SECRET, DEMO_AS_OF: 'yesterday' })).toThrow(/DEMO_AS_OF/);
    expect(() => readServiceConfig(4001, { ...SECRET, PORT: '70000' })).toThrow(/PORT/);
    // an empty PORT would otherwise read as 0 and bind a random port
    for (const bad of ['', '4001x', '-1']) expect(() => readServiceConfig(4001, { ...SECRET, PORT: bad })).toThrow(/PORT must be a TCP port/);
    expect(readServiceConfig(4001, { ...SECRET, PORT: '0' }).port).toBe(0);
    expect(() => readServiceConfig(4001, { INTERNAL_AUTH_SECRET: 'short' })).toThrow(/INTERNAL_AUTH_SECRET/);
  });
});
