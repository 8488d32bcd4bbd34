/**
 * The roundest number c with a < c <= b, so a bin edge between two observed values reads
 * like "1000" rather than "987.5" and the points table stays legible. Values v < c fall
 * below the edge, v >= c above it, so a stays below and b above.
 */
export function niceCut(a: number, b: number): number {
  if (!(a < b)) throw new RangeError(`niceCut needs a < b, got ${a} and ${b}`);
  const magnitude = Math.max(Math.abs(a), Math.abs(b), 1e-12);
  for (let p = Math.ceil(Math.log10(magnitude)); p >= -15; p--) {
    const step = 10 ** p;
    let c = Math.ceil(a / step) * step;
    c = Number.parseFloat(c.toPrecision(15));
    if (c <= a) c = Number.parseFloat((c + step).toPrecision(15));
    if (c > a && c <= b) return c;
  }
  return b;
}
