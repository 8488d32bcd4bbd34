/** Query rows grouped by their customer_id, each mapped to a record, keeping the rows' order. */
export function rowsByCustomer<R extends { customer_id: string }, T>(rows: readonly R[], toRecord: (row: R) => T): Map<string, T[]> {
  const result = new Map<string, T[]>();
  for (const row of rows) {
    const record = toRecord(row);
    const list = result.get(row.customer_id);
    if (list) list.push(record);
    else result.set(row.customer_id, [record]);
  }
  return result;
}
