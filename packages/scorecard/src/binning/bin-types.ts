/** One bin of a characteristic as fitted on the training population. */
export interface FittedBin {
  label: string;
  /** Categorical bins: the categories that fall in it. */
  categories?: string[];
  /** The bin reserved for "not applicable" values (NaN). */
  missing?: boolean;
  count: number;
  bads: number;
  share: number;
  eventRate: number;
  woe: number;
}

/**
 * Numeric: regular bin i holds edges[i-1] <= v < edges[i]; a NaN goes to missingBin, which is
 * either a dedicated trailing bin or (when too few rows were missing) the regular bin with the
 * closest event rate. Categorical: an unseen category goes to otherBin, the riskiest bin, so
 * that unknown data never earns points.
 */
export type FittedBinning =
  | { kind: 'numeric'; edges: number[]; bins: FittedBin[]; missingBin: number; iv: number }
  | { kind: 'categorical'; bins: FittedBin[]; otherBin: number; iv: number };
