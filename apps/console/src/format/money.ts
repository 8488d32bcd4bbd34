import { displayMoney, formatMoney, parseMoney, type Minor } from '@jc/domain';

/** Money arrives as a decimal string in yuan; from here on it is integer fen. */
export const toFen = (wire: string): Minor => parseMoney(wire);

/** "¥1,234.56", or a dash for an absent amount. */
export const showMoney = (wire: string | null | undefined): string => (wire == null ? '—' : displayMoney(parseMoney(wire)));

export const showFen = (fen: Minor): string => displayMoney(fen);

/** Compact axis tick (万 in Chinese, K/M in English); charts plot fen, this only formats the label. */
export const axisMoney = (locale: string) => {
  const format = new Intl.NumberFormat(locale, { notation: 'compact', style: 'currency', currency: 'CNY', maximumFractionDigits: 1 });
  return (fen: number): string => format.format(fen / 100);
};

/** A form's amount in yuan as the API wants it ("1000" → "1000.00"), or null when it is not a positive amount. */
export function moneyInput(text: string): string | null {
  try {
    const fen = parseMoney(text);
    return fen > 0 ? formatMoney(fen) : null;
  } catch {
    return null;
  }
}
