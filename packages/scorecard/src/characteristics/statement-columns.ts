import type { CustomerInput, RecordSource } from '../types';

export const MONTHS = 6;

/**
 * Column-wise statements of many customers. Monthly arrays hold n*6 values, row-major,
 * month 0 the most recent: this layout is what makes batch scoring fast.
 */
export interface StatementColumns {
  n: number;
  limit: Float64Array;
  balance: Float64Array;
  repaid: Float64Array;
  status: Float64Array;
  age: Float64Array;
  education: Float64Array;
}

export function allocateStatementColumns(n: number): StatementColumns {
  return {
    n,
    limit: new Float64Array(n * MONTHS),
    balance: new Float64Array(n * MONTHS),
    repaid: new Float64Array(n * MONTHS),
    status: new Float64Array(n * MONTHS),
    age: new Float64Array(n),
    education: new Float64Array(n),
  };
}

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

function checkFinite(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new InputError(`${what} must be a finite number`);
  return value;
}

/** Validates one customer and writes it at row `row`; throws InputError naming the field. */
export function writeCustomer(cols: StatementColumns, row: number, input: CustomerInput): void {
  if (!input || !Array.isArray(input.statements)) throw new InputError('statements must be an array');
  if (input.statements.length !== MONTHS) {
    throw new InputError(`statements must hold exactly ${MONTHS} months (most recent first), got ${input.statements.length}`);
  }
  const base = row * MONTHS;
  for (let m = 0; m < MONTHS; m++) {
    const s = input.statements[m];
    if (!s || typeof s !== 'object') throw new InputError(`statements[${m}] must be an object`);
    const limit = checkFinite(s.limit, `statements[${m}].limit`);
    if (limit <= 0) throw new InputError(`statements[${m}].limit must be positive`);
    const status = checkFinite(s.status, `statements[${m}].status`);
    if (!Number.isInteger(status) || status < -2) throw new InputError(`statements[${m}].status must be an integer >= -2`);
    const repaid = checkFinite(s.repaid, `statements[${m}].repaid`);
    if (repaid < 0) throw new InputError(`statements[${m}].repaid must not be negative`);
    cols.limit[base + m] = limit;
    cols.balance[base + m] = checkFinite(s.balance, `statements[${m}].balance`);
    cols.repaid[base + m] = repaid;
    cols.status[base + m] = status;
  }
  const age = checkFinite(input.age, 'age');
  if (age < 0 || age > 150) throw new InputError('age must be between 0 and 150');
  cols.age[row] = age;
  cols.education[row] = checkFinite(input.education, 'education');
}

export function customersToColumns(inputs: ReadonlyArray<CustomerInput>): StatementColumns {
  const cols = allocateStatementColumns(inputs.length);
  inputs.forEach((input, i) => writeCustomer(cols, i, input));
  return cols;
}

/**
 * A movable view on one row; characteristic functions read through it so that the
 * training path, the single-customer path and the batch path share one definition.
 */
export class StatementRow {
  base = 0;
  index = 0;
  // The arrays themselves, not cols.x, so each read is one load less on the hot path.
  private readonly limits: Float64Array;
  private readonly balances: Float64Array;
  private readonly repayments: Float64Array;
  private readonly statuses: Float64Array;
  private readonly ages: Float64Array;
  private readonly educations: Float64Array;

  constructor(readonly cols: StatementColumns) {
    this.limits = cols.limit;
    this.balances = cols.balance;
    this.repayments = cols.repaid;
    this.statuses = cols.status;
    this.ages = cols.age;
    this.educations = cols.education;
  }

  moveTo(index: number): this {
    this.index = index;
    this.base = index * MONTHS;
    return this;
  }
  limit(m: number): number {
    return this.limits[this.base + m] as number;
  }
  balance(m: number): number {
    return this.balances[this.base + m] as number;
  }
  repaid(m: number): number {
    return this.repayments[this.base + m] as number;
  }
  status(m: number): number {
    return this.statuses[this.base + m] as number;
  }
  age(): number {
    return this.ages[this.index] as number;
  }
  education(): number {
    return this.educations[this.index] as number;
  }
}

export function statementSource(cols: StatementColumns): RecordSource<StatementRow> {
  const row = new StatementRow(cols);
  return { size: cols.n, at: (i) => row.moveTo(i) };
}
