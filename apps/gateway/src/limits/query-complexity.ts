import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export interface Complexity {
  depth: number;
  aliases: number;
  cost: number;
}

/** A list field without a page size is assumed to return this many items. */
export const DEFAULT_LIST_SIZE = 10;
const PAGE_ARGS = new Set(['first', 'last', 'limit']);

function pageSize(args: readonly { name: { value: string }; value: ValueNode }[] | undefined, variables: Record<string, unknown>): number | null {
  for (const arg of args ?? []) {
    if (!PAGE_ARGS.has(arg.name.value)) continue;
    const value = arg.value.kind === Kind.VARIABLE ? variables[arg.value.name.value] : arg.value.kind === Kind.INT ? Number(arg.value.value) : null;
    if (typeof value === 'number' && Number.isFinite(value)) return Math.max(1, value);
  }
  return null;
}

/**
 * Depth, alias count and cost of an operation, measured before any subgraph is called. Each field
 * costs 1; a paged field multiplies what is under it by its page size (`customers(first: 100)` is
 * charged for 100 customers), and so does an unpaged list, by DEFAULT_LIST_SIZE — except the list
 * directly under a paged field (a connection's `edges`), which the page size already counted.
 */
export function measure(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): Complexity {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  let aliases = 0;
  let depth = 0;

  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType | undefined, level: number, underPage: boolean, seen: Set<string>): number => {
    depth = Math.max(depth, level);
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases += 1;
        const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
        const page = pageSize(selection.arguments, variables);
        const list = def ? isListType(getNullableType(def.type)) : false;
        const multiplier = page ?? (list && !underPage ? DEFAULT_LIST_SIZE : 1);
        const named = def ? getNamedType(def.type) : undefined;
        const inner = selection.selectionSet
          ? walk(selection.selectionSet, named && isCompositeType(named) ? named : undefined, level + 1, page !== null, seen)
          : 0;
        cost += 1 + multiplier * inner;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typed = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        cost += walk(selection.selectionSet, typed && isCompositeType(typed) ? typed : parent, level, underPage, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const typed = schema.getType(fragment.typeCondition.name.value);
        cost += walk(fragment.selectionSet, typed && isCompositeType(typed) ? typed : parent, level, underPage, new Set([...seen, fragment.name.value]));
      }
    }
    return cost;
  };

  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  const cost = walk(operation.selectionSet, root ?? undefined, 0, false, new Set());
  return { depth, aliases, cost };
}
