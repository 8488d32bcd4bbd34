import { moneyInput, showMoney, toFen } from '../../src/format/money';
import { translate } from '../../src/i18n/i18n';
import { en, zhCN } from '../../src/i18n/messages';

describe('money on the wire', () => {
  it('parses the decimal string to fen and displays it with grouping and ¥', () => {
    expect(toFen('1234.56')).toBe(123456);
    expect(showMoney('16221500.00')).toBe('¥16,221,500.00');
    expect(showMoney('-0.01')).toBe('-¥0.01');
    expect(showMoney(null)).toBe('—');
  });

  it('normalises a form amount and refuses zero, negatives, three decimals and text', () => {
    expect(moneyInput(' 1000 ')).toBe('1000.00');
    expect(moneyInput('0.5')).toBe('0.50');
    for (const bad of ['0', '-5', '1.005', 'abc', '']) expect(moneyInput(bad)).toBeNull();
  });
});

describe('messages', () => {
  it('has the same keys in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const text of [...Object.values(en), ...Object.values(zhCN)]) expect(text.trim()).not.toBe('');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate(en, 'campaignCreated', { name: 'X', n: 3 })).toBe('Campaign “X” created; 3 lines touched.');
    expect(translate(zhCN, 'customerTitle', {})).toBe('客户 {id}');
  });
});
