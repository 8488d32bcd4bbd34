import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface Complexity {
  depth: number;
  aliases: number;
  cost: number;
}

/** A list field without a page size is assumed to return this many items. */
export const DEFAULT_LIST_SIZE = 10;
const PAGE_ARGS = ['first', 'last', 'limit'];
const NOTHING: Complexity = { depth: 0, aliases: 0, cost: 0 };

function badUserInput(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

/** The variables as execution will see them: defaults filled in, values coerced to their types. */
function coerceVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): Record<string, unknown> {
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 });
  if (result.errors) throw badUserInput(result.errors[0]!);
  return result.coerced;
}

/**
 * The page size a field is asked for, from the argument's value, its variable or its default in the
 * schema (`ledger(first: Int! = 20)`); the largest when several are given, as the resolver may honour any.
 */
function pageSize(field: GraphQLField<unknown, unknown> | undefined, node: FieldNode, variables: Record<string, unknown>): number | null {
  if (!field?.args.some((arg) => PAGE_ARGS.includes(arg.name))) return null;
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(field, node, variables);
  } catch (err) {
    throw err instanceof GraphQLError ? badUserInput(err) : err;
  }
  const sizes = PAGE_ARGS.map((name) => args[name]).filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  return sizes.length > 0 ? Math.max(1, ...sizes) : null;
}

function fieldOf(parent: GraphQLCompositeType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  return parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
}

/**
 * Depth, alias count and cost of an operation, measured before any subgraph is called. Each field
 * costs 1; a paged field multiplies what is under it by its page size (`customers(first: 100)` is
 * charged for 100 customers), and so does an unpaged list, by DEFAULT_LIST_SIZE — except the list
 * directly under a paged field (a connection's `edges`), which the page size already counted.
 * Fragments count as if written out wherever they are spread, but each is measured once per type
 * and paging context: spreading a fragment twice in each of 30 nested fragments doubles the cost
 * 30 times, not the work of measuring it.
 */
export function measure(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): Complexity {
  const coerced = coerceVariables(schema, operation, variables);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const measuredFragments = new Map<string, Complexity>();

  const typeNamed = (name: string, fallback: GraphQLCompositeType | undefined): GraphQLCompositeType | undefined => {
    const type = schema.getType(name);
    return type && isCompositeType(type) ? type : fallback;
  };

  const spread = (name: string, parent: GraphQLCompositeType | undefined, underPage: boolean): Complexity => {
    const fragment = fragments.get(name);
    if (!fragment) return NOTHING;
    const typed = typeNamed(fragment.typeCondition.name.value, parent);
    const key = `${name}\0${typed?.name ?? ''}\0${underPage}`;
    const known = measuredFragments.get(key);
    if (known) return known;
    // a fragment spreading itself (refused by validation anyway) counts once rather than forever
    measuredFragments.set(key, NOTHING);
    const measured = walk(fragment.selectionSet, typed, underPage);
    measuredFragments.set(key, measured);
    return measured;
  };

  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType | undefined, underPage: boolean): Complexity => {
    let { depth, aliases, cost } = NOTHING;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const def = fieldOf(parent, selection.name.value);
        const page = pageSize(def, selection, coerced);
        const list = def ? isListType(getNullableType(def.type)) : false;
        const multiplier = page ?? (list && !underPage ? DEFAULT_LIST_SIZE : 1);
        const named = def ? getNamedType(def.type) : undefined;
        const inner = selection.selectionSet ? walk(selection.selectionSet, named && isCompositeType(named) ? named : undefined, page !== null) : NOTHING;
        if (selection.selectionSet) depth = Math.max(depth, 1 + inner.depth);
        aliases += (selection.alias ? 1 : 0) + inner.aliases;
        cost += 1 + multiplier * inner.cost;
      } else {
        const inner =
          selection.kind === Kind.INLINE_FRAGMENT
            ? walk(selection.selectionSet, selection.typeCondition ? typeNamed(selection.typeCondition.name.value, parent) : parent, underPage)
            : spread(selection.name.value, parent, underPage);
        depth = Math.max(depth, inner.depth);
        aliases += inner.aliases;
        cost += inner.cost;
      }
    }
    return { depth, aliases, cost };
  };

  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  return walk(operation.selectionSet, root ?? undefined, false);
}
