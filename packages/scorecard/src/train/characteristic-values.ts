import type { CharacteristicSet, RecordSource } from '../types';

/** One characteristic's value for every row: numbers (NaN = not applicable) or categories. */
export type CharacteristicValues = Float64Array | string[];

export function computeValues<R>(set: CharacteristicSet<R>, source: RecordSource<R>): CharacteristicValues[] {
  const columns: CharacteristicValues[] = set.characteristics.map((def) =>
    def.kind === 'numeric' ? new Float64Array(source.size) : new Array<string>(source.size),
  );
  for (let i = 0; i < source.size; i++) {
    const record = source.at(i);
    set.characteristics.forEach((def, j) => {
      (columns[j] as CharacteristicValues)[i] = def.value(record);
    });
  }
  return columns;
}

export function pickRows(values: CharacteristicValues, rows: ArrayLike<number>): CharacteristicValues {
  if (values instanceof Float64Array) return Float64Array.from({ length: rows.length }, (_, k) => values[rows[k] as number] as number);
  return Array.from({ length: rows.length }, (_, k) => values[rows[k] as number] as string);
}

export function pickLabels(labels: Uint8Array, rows: ArrayLike<number>): Uint8Array {
  return Uint8Array.from({ length: rows.length }, (_, k) => labels[rows[k] as number] as number);
}
