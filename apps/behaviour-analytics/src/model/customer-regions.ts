import { CUSTOMER_ID_PATTERN, isRegionCode } from '@jc/domain';
import { MAX_BATCH, type EventProblem } from './events';

export interface CustomerRegion {
  customerId: string;
  region: string;
}

/** Every problem of a batch of region assignments; an empty list means it may be stored. */
export function customerRegionProblems(items: readonly CustomerRegion[]): EventProblem[] {
  const problems: EventProblem[] = [];
  if (items.length === 0) problems.push({ path: 'input', reason: 'must hold at least one customer' });
  if (items.length > MAX_BATCH) return [{ path: 'input', reason: `holds ${items.length} customers; at most ${MAX_BATCH} per call` }];
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const path = `input[${index}]`;
    if (typeof item.customerId !== 'string' || !CUSTOMER_ID_PATTERN.test(item.customerId)) {
      problems.push({ path: `${path}.customerId`, reason: 'must look like c_ followed by 16 hex digits' });
    } else {
      // One upsert cannot set the same row twice, and two regions for one customer is ambiguous.
      const seen = firstIndex.get(item.customerId);
      if (seen !== undefined) problems.push({ path: `${path}.customerId`, reason: `duplicates input[${seen}].customerId in the same batch` });
      else firstIndex.set(item.customerId, index);
    }
    if (!isRegionCode(item.region)) problems.push({ path: `${path}.region`, reason: 'must be a GB/T 2260 province code such as 11 or 44' });
  });
  return problems;
}
