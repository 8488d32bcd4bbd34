import { CsvError, parseCsv } from '../src/data/csv';
import { parseTaiwanCsv } from '../src/data/taiwan-csv';
import { parseGermanCsv } from '../src/data/german-csv';
import { syntheticRows, toTaiwanCsv } from './support/synthetic';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, embedded line breaks and CRLF, keeping start lines', () => {
    const records = parseCsv('a,b\r\n"x, y","say ""hi"""\n\n"multi\nline",2\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 4, fields: ['multi\nline', '2'] },
    ]);
  });

  it('reports an unclosed quote at the line where it opened', () => {
    expect(() => parseCsv('a,b\n1,"2\n3,4\n')).toThrow('line 2: quoted field is never closed');
  });
});

describe('parseTaiwanCsv', () => {
  const csv = toTaiwanCsv(syntheticRows(20, 3));
  const lines = csv.split('\n');
  const corrupt = (line: number, column: number, value: string) =>
    lines.map((l, i) => (i === line - 1 ? l.split(',').map((f, k) => (k === column ? value : f)).join(',') : l)).join('\n');

  it('maps columns onto statements, most recent month first', () => {
    const data = parseTaiwanCsv(csv);
    const first = syntheticRows(20, 3)[0];
    expect(data.columns.n).toBe(20);
    expect(Array.from(data.columns.status.subarray(0, 6))).toEqual(first?.status);
    expect(Array.from(data.columns.balance.subarray(0, 6))).toEqual(first?.balance);
    expect(data.columns.limit[5]).toBe(first?.limit);
    expect(data.lines[0]).toBe(2);
  });

  it('names the line and column of a malformed value', () => {
    expect(() => parseTaiwanCsv(corrupt(5, 5, 'abc'))).toThrow('line 5, column X5: "abc" is not a number');
    expect(() => parseTaiwanCsv(corrupt(7, 8, '1.5'))).toThrow('line 7, column X8: must be an integer from -2 to 9');
    expect(() => parseTaiwanCsv(corrupt(3, 24, '2'))).toThrow('line 3, column Y: must be an integer from 0 to 1');
    const short = lines.map((l, i) => (i === 3 ? l.split(',').slice(0, 20).join(',') : l)).join('\n');
    expect(() => parseTaiwanCsv(short)).toThrow('line 4, column X20: expected 25 fields, found 20');
    try {
      parseTaiwanCsv(corrupt(5, 5, 'abc'));
    } catch (error) {
      expect(error).toBeInstanceOf(CsvError);
      expect(error).toMatchObject({ line: 5, column: 'X5' });
    }
  });

  it('refuses numbers beyond any credit line, which the number pattern alone would read as Infinity', () => {
    expect(() => parseTaiwanCsv(corrupt(2, 1, '1e999'))).toThrow('line 2, column X1: "1e999" is out of range');
    expect(() => parseTaiwanCsv(corrupt(4, 12, '1e999'))).toThrow('line 4, column X12: "1e999" is out of range');
    expect(() => parseTaiwanCsv(corrupt(4, 13, '-1e999'))).toThrow('line 4, column X13: "-1e999" is out of range');
    expect(() => parseTaiwanCsv(corrupt(3, 1, '2e9'))).toThrow('line 3, column X1: must be positive and at most 1000000000');
    expect(() => parseTaiwanCsv(corrupt(3, 14, '-2e9'))).toThrow('line 3, column X14: must be from -1000000000 to 1000000000');
    expect(() => parseTaiwanCsv(corrupt(3, 20, '1e12'))).toThrow('line 3, column X20: must be from 0 to 1000000000');
    expect(() => parseTaiwanCsv(corrupt(3, 12, '-340000'))).not.toThrow();
  });

  it('skips malformed rows on request and reports them', () => {
    const data = parseTaiwanCsv(corrupt(5, 5, 'abc'), { skipInvalid: true });
    expect(data.columns.n).toBe(19);
    expect(data.skipped).toEqual([{ line: 5, column: 'X5', message: 'line 5, column X5: "abc" is not a number' }]);
  });

  it('refuses a customer ID seen on an earlier row, which would put the same customer on both sides of the split', () => {
    const repeated = lines.map((l, i) => (i === 6 ? l.replace(/^\d+,/, '3,') : l)).join('\n');
    expect(() => parseTaiwanCsv(repeated)).toThrow('line 7, column ID: duplicate ID "3" (first on line 4)');
    const data = parseTaiwanCsv(repeated, { skipInvalid: true });
    expect(data.columns.n).toBe(19);
    expect(data.skipped).toEqual([{ line: 7, column: 'ID', message: 'line 7, column ID: duplicate ID "3" (first on line 4)' }]);
    // The whole file appended to itself, as a careless concatenation of two exports would do.
    const body = lines.slice(1).join('\n');
    expect(() => parseTaiwanCsv(`${csv}${body}`)).toThrow('line 22, column ID: duplicate ID "1" (first on line 2)');
    // A row skipped as invalid does not claim its ID, and a file without an ID column is not checked.
    expect(parseTaiwanCsv(`${corrupt(4, 5, 'abc')}${lines[3]}\n`, { skipInvalid: true }).columns.n).toBe(20);
    expect(parseTaiwanCsv(`${csv}${body}`.replace(/^ID,/, 'REF,')).columns.n).toBe(40);
  });

  it('requires the header columns it reads', () => {
    expect(() => parseTaiwanCsv('ID,X1\n1,2\n')).toThrow('line 1, column X3: missing from the header');
  });
});

describe('parseGermanCsv', () => {
  it('reads decoded categories and the good/bad label', () => {
    const header =
      'status_of_existing_checking_account,duration_in_month,credit_amount,installment_rate_in_percentage_of_disposable_income,present_residence_since,age_in_years,number_of_existing_credits_at_this_bank,number_of_people_being_liable_to_provide_maintenance_for,creditability';
    const data = parseGermanCsv(`${header}\n"... < 0 DM",6,1169,4,4,67,2,1,good\n"no checking account",48,5951,2,2,22,1,1,bad\n`);
    expect(Array.from(data.labels)).toEqual([0, 1]);
    expect(data.records[0]?.status_of_existing_checking_account).toBe('... < 0 DM');
    expect(() => parseGermanCsv(`${header}\nx,six,1,1,1,1,1,1,good\n`)).toThrow('line 2, column duration_in_month: "six" is not a number');
  });
});
