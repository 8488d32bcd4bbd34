/** What a lookup needs; both a fitted binning and a model characteristic have this shape. */
export type BinRules =
  | { kind: 'numeric'; edges: ReadonlyArray<number>; missingBin: number }
  | { kind: 'categorical'; bins: ReadonlyArray<{ categories?: string[] }>; otherBin: number };

/** value -> bin index; built once per characteristic, called per row. */
export function makeBinLookup(rules: BinRules): (value: number | string) => number {
  if (rules.kind === 'numeric') {
    const edges = Float64Array.from(rules.edges);
    const missingBin = rules.missingBin;
    return (value) => {
      const v = value as number;
      if (v !== v) return missingBin; // NaN
      let i = 0;
      while (i < edges.length && v >= (edges[i] as number)) i++;
      return i;
    };
  }
  const binOf = new Map<string, number>();
  rules.bins.forEach((b, i) => b.categories?.forEach((c) => binOf.set(c, i)));
  const otherBin = rules.otherBin;
  return (value) => binOf.get(value as string) ?? otherBin;
}
