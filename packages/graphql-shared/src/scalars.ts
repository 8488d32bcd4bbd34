import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { formatMoney, isMinor, MoneyError, parseMoney, type Minor } from '@jc/domain';

function invalid(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function stringLiteral(ast: ValueNode, typeName: string): string {
  if (ast.kind !== Kind.STRING) throw invalid(`${typeName} must be given as a string`);
  return ast.value;
}

function toMinor(value: unknown): Minor {
  if (typeof value !== 'string') throw invalid('Money must be a decimal string such as "1234.56"');
  try {
    return parseMoney(value);
  } catch (err) {
    throw invalid(err instanceof MoneyError ? `Money: ${err.message}` : 'Money is invalid');
  }
}

export const MoneyScalar = new GraphQLScalarType<Minor, string>({
  name: 'Money',
  description: 'CNY as a decimal string in major units; integer fen inside the platform.',
  serialize(value) {
    if (!isMinor(value)) throw new GraphQLError('Money value is not a whole number of minor units');
    return formatMoney(value);
  },
  parseValue: toMinor,
  parseLiteral: (ast) => toMinor(stringLiteral(ast, 'Money')),
});

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function toDate(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) {
    throw invalid('DateTime must be an ISO 8601 string with a time zone, e.g. "2026-11-30T08:00:00Z"');
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalid(`DateTime "${value}" is not a real instant`);
  return date;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant in UTC, ISO 8601.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime value is not a valid date');
    return date.toISOString();
  },
  parseValue: toDate,
  parseLiteral: (ast) => toDate(stringLiteral(ast, 'DateTime')),
});

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day travels as "YYYY-MM-DD" and lives inside the platform as that same string. */
function toDay(value: unknown): string {
  const match = typeof value === 'string' ? ISO_DAY.exec(value) : null;
  const date = match ? new Date(`${value as string}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw invalid('Date must be a real calendar day as YYYY-MM-DD');
  }
  return value as string;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar day, YYYY-MM-DD.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return toDay(value);
  },
  parseValue: toDay,
  parseLiteral: (ast) => toDay(stringLiteral(ast, 'Date')),
});

export const sharedScalarResolvers = {
  Money: MoneyScalar,
  DateTime: DateTimeScalar,
  Date: DateScalar,
};
