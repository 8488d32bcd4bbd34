/** Fresh customer ids for one test file: `base` keeps files that share a database apart. */
export function customerIds(base: number): () => string {
  let n = 0;
  return () => `c_${(base + (n += 1)).toString(16).padStart(16, '0')}`;
}
