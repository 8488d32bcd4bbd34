import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

const ROOT_FIELDS = new Set(['__schema', '__type', '__typename']);

/** Top-level field names of a selection set, through fragments. */
function rootFields(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): string[] {
  return set.selections.flatMap((s) => {
    if (s.kind === Kind.FIELD) return [s.name.value];
    if (s.kind === Kind.INLINE_FRAGMENT) return rootFields(s.selectionSet, fragments, seen);
    const fragment = fragments.get(s.name.value);
    if (!fragment || seen.has(s.name.value)) return [];
    seen.add(s.name.value);
    return rootFields(fragment.selectionSet, fragments, seen);
  });
}

/**
 * A query asking only about the schema. The gateway answers it from its own supergraph without
 * calling a subgraph, and the standard introspection query is deeper and (by the list multiplier)
 * costlier than any data limit, so those limits do not apply to it. Its own bound is graphql's
 * MaxIntrospectionDepthRule, part of validation, which refuses lists of types nested to multiply work.
 */
export function isIntrospectionOnly(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  if (operation.operation !== 'query') return false;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const fields = rootFields(operation.selectionSet, fragments, new Set());
  return fields.length > 0 && fields.every((name) => ROOT_FIELDS.has(name)) && fields.some((name) => name !== '__typename');
}
