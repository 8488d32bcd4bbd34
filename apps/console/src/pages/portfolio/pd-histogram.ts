export interface PdBin {
  label: string;
  customers: number;
}

/** Bins of `width` from 0 up to `top`, then one open bin for everything at or above it. */
export function pdHistogram(pds: number[], width = 0.02, top = 0.3): PdBin[] {
  const closed = Math.round(top / width);
  const counts = new Array<number>(closed + 1).fill(0);
  for (const pd of pds) counts[Math.min(Math.floor(pd / width + 1e-9), closed)]! += 1;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return counts.map((customers, i) => ({
    label: i === closed ? `≥${pct(top)}` : `${pct(i * width)}–${pct((i + 1) * width)}`,
    customers,
  }));
}
