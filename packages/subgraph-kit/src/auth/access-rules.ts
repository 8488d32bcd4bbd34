import {
  defaultFieldResolver,
  isObjectType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { getDirective } from '@graphql-tools/utils';
import { isOneOf, ROLES, type Role } from '@jc/domain';
import type { Principal } from '@jc/auth';
import { forbidden, unauthenticated } from '../errors';

export interface AccessRule {
  roles: Role[];
  /** Where the customer id a CUSTOMER must own is found: "parent.<field>" or "args.<path>". */
  self?: string;
}

const FEDERATION_FIELDS = new Set(['_entities', '_service']);

function ruleOf(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): AccessRule | undefined {
  const [directive] = getDirective(schema, field, 'access') ?? [];
  if (!directive) return undefined;
  return { roles: directive.roles as Role[], self: directive.self as string | undefined };
}

function keyFields(type: GraphQLObjectType): Set<string> | null {
  const keys = type.astNode?.directives?.filter((d) => d.name.value === 'key') ?? [];
  const extensionKeys = (type.extensionASTNodes ?? []).flatMap((n) => n.directives?.filter((d) => d.name.value === 'key') ?? []);
  const all = [...keys, ...extensionKeys];
  if (all.length === 0) return null;
  const names = new Set<string>();
  for (const key of all) {
    const fields = key.arguments?.find((a) => a.name.value === 'fields');
    if (fields?.value.kind === 'StringValue') for (const name of fields.value.value.split(/\s+/)) if (name) names.add(name);
  }
  return names;
}

/**
 * Fields that must carry a rule: every operation, and every non-key field of an entity (those are
 * reachable through `_entities` without any guarded parent). Fields of other types are reached
 * only through a guarded field and inherit its decision.
 */
export function guardedFields(schema: GraphQLSchema): Array<{ type: GraphQLObjectType; field: GraphQLField<unknown, unknown> }> {
  const result: Array<{ type: GraphQLObjectType; field: GraphQLField<unknown, unknown> }> = [];
  const roots = new Set([schema.getQueryType(), schema.getMutationType()].filter(Boolean));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const keys = roots.has(type) ? null : keyFields(type);
    if (!roots.has(type) && !keys) continue;
    for (const field of Object.values(type.getFields())) {
      if (FEDERATION_FIELDS.has(field.name) || keys?.has(field.name)) continue;
      result.push({ type, field });
    }
  }
  return result;
}

/** Throws at start-up when a field that must be guarded has no rule, or a rule is malformed. */
export function assertAccessRules(schema: GraphQLSchema): void {
  const problems: string[] = [];
  for (const { type, field } of guardedFields(schema)) {
    const rule = ruleOf(schema, field);
    const name = `${type.name}.${field.name}`;
    if (!rule) problems.push(`${name} has no @access rule`);
    else if (rule.roles.length === 0 || !rule.roles.every((r) => isOneOf(ROLES, r))) problems.push(`${name} names an unknown role`);
    else if (rule.roles.includes('CUSTOMER') && !/^(parent|args)\.[\w.]+$/.test(rule.self ?? '')) {
      problems.push(`${name} lets CUSTOMER in without saying whose data it is (self)`);
    }
  }
  if (problems.length > 0) throw new Error(`authorization rules incomplete:\n  ${problems.join('\n  ')}`);
}

function valueAt(source: { parent: unknown; args: unknown }, path: string): unknown {
  let current: unknown = source;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export function authorize(rule: AccessRule, principal: Principal | null, parent: unknown, args: unknown): void {
  if (!principal) throw unauthenticated();
  if (!rule.roles.includes(principal.role)) throw forbidden(`Role ${principal.role} may not do this`);
  if (principal.role === 'CUSTOMER' && valueAt({ parent, args }, rule.self ?? '') !== principal.customerId) {
    throw forbidden('A customer may only see their own data');
  }
}

/** Wraps every ruled field's resolver in place (federation keeps entity resolvers on the schema objects). */
export function enforceAccessRules(schema: GraphQLSchema): void {
  assertAccessRules(schema);
  for (const { field } of guardedFields(schema)) {
    const rule = ruleOf(schema, field)!;
    const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
    field.resolve = (parent, args, context, info) => {
      authorize(rule, (context as { principal: Principal | null }).principal, parent, args);
      return resolve(parent, args, context, info);
    };
  }
}
