/**
 * Weight of evidence with the "positive = riskier" convention: ln(%bads / %goods). Half a
 * count is added to each side so an empty cell gives a large but finite WOE.
 */
export function woe(bads: number, goods: number, totalBads: number, totalGoods: number): number {
  return Math.log(((bads + 0.5) / (totalBads + 0.5)) / ((goods + 0.5) / (totalGoods + 0.5)));
}

/** A bin's contribution to the information value: (%bads - %goods) * WOE. */
export function ivTerm(bads: number, goods: number, totalBads: number, totalGoods: number): number {
  return (bads / totalBads - goods / totalGoods) * woe(bads, goods, totalBads, totalGoods);
}

export interface CellCount {
  bads: number;
  goods: number;
}

export function informationValue(cells: ReadonlyArray<CellCount>): number {
  let totalBads = 0;
  let totalGoods = 0;
  for (const c of cells) {
    totalBads += c.bads;
    totalGoods += c.goods;
  }
  if (totalBads === 0 || totalGoods === 0) return 0;
  let iv = 0;
  for (const c of cells) iv += ivTerm(c.bads, c.goods, totalBads, totalGoods);
  return iv;
}

/** Pearson chi-square of the 2x2 table (left vs right) x (bad vs good). */
export function chiSquare2x2(left: CellCount, right: CellCount): number {
  const a = left.bads;
  const b = left.goods;
  const c = right.bads;
  const d = right.goods;
  const n = a + b + c + d;
  const denominator = (a + b) * (c + d) * (a + c) * (b + d);
  return denominator === 0 ? 0 : (n * (a * d - b * c) ** 2) / denominator;
}
