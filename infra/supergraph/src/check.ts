import { compose, type SubgraphSdl } from './compose';
import { unacknowledgedBreakingChanges, type AcceptedChange } from './breaking-changes';

export interface CheckInput {
  subgraphs: SubgraphSdl[];
  committedSupergraph: string | null;
  committedApiSchema: string | null;
  /** The API schema at the base commit; null when the base has none yet. */
  baseApiSchema: string | null;
  accepted: AcceptedChange[];
}

export interface CheckResult {
  ok: boolean;
  problems: string[];
}

/** The three gates CI applies to every schema change: it composes, the committed files are current, nothing breaks clients unacknowledged. */
export async function checkSchema(input: CheckInput): Promise<CheckResult> {
  const composition = compose(input.subgraphs);
  if (!composition.ok) return { ok: false, problems: composition.errors.map((e) => `composition failed: ${e}`) };
  const problems: string[] = [];
  if (input.committedSupergraph !== composition.supergraphSdl) {
    problems.push('infra/supergraph/supergraph.graphql is stale: run `npm run schema:compose` and commit it');
  }
  if (input.committedApiSchema !== composition.apiSchemaSdl) {
    problems.push('infra/supergraph/api-schema.graphql is stale: run `npm run schema:compose` and commit it');
  }
  if (input.baseApiSchema) {
    for (const change of await unacknowledgedBreakingChanges(input.baseApiSchema, composition.apiSchemaSdl, input.accepted)) {
      problems.push(`breaking change not acknowledged in accepted-breaking-changes.json: ${change.message} (key "${change.key}")`);
    }
  }
  return { ok: problems.length === 0, problems };
}
