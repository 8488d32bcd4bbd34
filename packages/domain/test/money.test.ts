import { addMinor, displayMoney, floorToStep, formatMoney, MAX_MINOR, mulMinor, parseMoney, subMinor, yuan } from '../src';

describe('money in integer minor units', () => {
  it.each([
    ['0', 0],
    ['1234.56', 123456],
    ['1234.5', 123450],
    ['-0.01', -1],
    ['200000', 20000000],
  ])('parses %s as %i fen', (text, minor) => {
    expect(parseMoney(text)).toBe(minor);
  });

  it.each(['abc', '', '1e5', '12,000.00', '0x10', '1.', '.5'])('rejects %p as not a decimal amount', (text) => {
    expect(() => parseMoney(text)).toThrow(/not a decimal amount/);
  });

  it('says what is wrong with a decimal it cannot take', () => {
    expect(() => parseMoney('1.001')).toThrow(/more than 2 decimals/);
    for (const text of ['99999999999999999', '-10000000000000.01', '10000000000000.01', '1'.repeat(400)]) {
      expect(() => parseMoney(text)).toThrow(/beyond the Money range of ±10000000000000\.00/);
    }
    expect(parseMoney('-10000000000000.00')).toBe(-MAX_MINOR);
    expect(parseMoney('0000000000000000001.50')).toBe(150);
    expect(Object.is(parseMoney('-0.00'), 0)).toBe(true);
  });

  it('formats back exactly', () => {
    for (const minor of [0, 1, 10, 99, 100, 123456, -123456, MAX_MINOR]) expect(parseMoney(formatMoney(minor))).toBe(minor);
    expect(formatMoney(-5)).toBe('-0.05');
    expect(displayMoney(123456789)).toBe('¥1,234,567.89');
  });

  it('never silently loses precision', () => {
    expect(addMinor(1, 2, 3)).toBe(6);
    expect(subMinor(5, 7)).toBe(-2);
    expect(() => addMinor(MAX_MINOR, 1)).toThrow(/sum/);
    expect(() => addMinor(0.5)).toThrow();
    expect(mulMinor(yuan(100), 1.5)).toBe(15000);
    expect(mulMinor(5, 0.5)).toBe(3);
    expect(mulMinor(-5, 0.5)).toBe(-3);
    expect(() => mulMinor(1, Number.NaN)).toThrow(/finite/);
  });

  it('rounds limits down to whole steps', () => {
    expect(floorToStep(yuan(1234.56), yuan(100))).toBe(yuan(1200));
    expect(() => floorToStep(100, 0)).toThrow(/step/);
  });
});
