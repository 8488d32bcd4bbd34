import { graphql, buildSchema } from 'graphql';
import { DateScalar, DateTimeScalar, MoneyScalar } from '../src';

describe('Money scalar', () => {
  it('serializes fen as a decimal string and parses strings only', () => {
    expect(MoneyScalar.serialize(123456)).toBe('1234.56');
    expect(MoneyScalar.parseValue('12.30')).toBe(1230);
    expect(() => MoneyScalar.parseValue(12.3)).toThrow(/decimal string/);
    expect(() => MoneyScalar.parseValue('12.345')).toThrow(/Money/);
    expect(() => MoneyScalar.serialize(1.5)).toThrow(/minor units/);
  });

  it('reports bad literals as BAD_USER_INPUT through a schema', async () => {
    const schema = buildSchema('scalar Money type Query { echo(m: Money!): Money! }');
    Object.assign(schema.getType('Money')!, { parseLiteral: MoneyScalar.parseLiteral, parseValue: MoneyScalar.parseValue, serialize: MoneyScalar.serialize });
    const res = await graphql({ schema, source: '{ echo(m: 12.5) }', rootValue: { echo: ({ m }: { m: number }) => m } });
    expect(res.errors?.[0]?.message).toMatch(/string/);
  });
});

describe('DateTime and Date scalars', () => {
  it('accepts ISO instants with a zone and serializes UTC', () => {
    expect(DateTimeScalar.parseValue('2026-11-30T16:00:00+08:00')).toEqual(new Date('2026-11-30T08:00:00Z'));
    expect(DateTimeScalar.serialize(new Date('2026-11-30T08:00:00Z'))).toBe('2026-11-30T08:00:00.000Z');
  });

  it.each(['2026-11-30', '2026-11-30T08:00:00', 'yesterday', '2026-13-01T00:00:00Z'])('rejects DateTime %p', (text) => {
    expect(() => DateTimeScalar.parseValue(text)).toThrow(/DateTime/);
  });

  it('accepts only real calendar days', () => {
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    expect(() => DateScalar.parseValue('2025-02-29')).toThrow(/calendar day/);
  });
});
