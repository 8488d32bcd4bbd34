import type { TypedDocumentNode } from '@apollo/client';
import { Kind, parse, visit, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode } from 'graphql';

/**
 * Each .graphql file holds a page's operations and their fragments (the schema check validates the
 * files whole); Apollo needs one operation per document, with only the fragments it spreads.
 */
export function operation<TData, TVariables extends Record<string, unknown> = Record<string, never>>(
  source: string,
  name: string,
): TypedDocumentNode<TData, TVariables> {
  const document = parse(source, { noLocation: true });
  const op = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!op) throw new Error(`operation ${name} is not in its document`);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const used = new Set<string>();
  const collect = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        if (used.has(spread.name.value)) return;
        used.add(spread.name.value);
        const fragment = fragments.get(spread.name.value);
        if (fragment) collect(fragment);
      },
    });
  collect(op);
  const definitions = [op, ...[...used].flatMap((n) => fragments.get(n) ?? [])];
  return { kind: Kind.DOCUMENT, definitions } satisfies DocumentNode as TypedDocumentNode<TData, TVariables>;
}
