import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSchema, GraphQLError, Kind, parse, Source, validate, type DocumentNode } from 'graphql';
import { apiSchemaPath, repoRoot } from './subgraphs';

export interface OperationDocument {
  /** Shown in problems, e.g. apps/console/src/graphql/customer.graphql. */
  name: string;
  source: string;
}

/** Client applications whose operations must keep validating against the API schema. */
export const CLIENT_OPERATION_DIRS = [join(repoRoot, 'apps', 'console', 'src', 'graphql')];

const located = (name: string, error: GraphQLError) => {
  const at = error.locations?.[0];
  return `${name}${at ? `:${at.line}:${at.column}` : ''}: ${error.message}`;
};

/**
 * Every syntax and validation error of the documents against the schema (graphql's `validate`
 * with the specified rules, fragments resolved within each document), and operation names used twice.
 */
export function operationProblems(schemaSdl: string, documents: OperationDocument[]): string[] {
  const schema = buildSchema(schemaSdl);
  const problems: string[] = [];
  const operationFile = new Map<string, string>();
  for (const { name, source } of documents) {
    let document: DocumentNode;
    try {
      document = parse(new Source(source, name));
    } catch (err) {
      problems.push(err instanceof GraphQLError ? located(name, err) : `${name}: ${String(err)}`);
      continue;
    }
    for (const error of validate(schema, document)) problems.push(located(name, error));
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const opName = definition.name?.value;
      if (!opName) {
        problems.push(`${name}: every operation needs a name`);
      } else if (operationFile.has(opName)) {
        problems.push(`${name}: operation ${opName} is also defined in ${operationFile.get(opName)}`);
      } else {
        operationFile.set(opName, name);
      }
    }
  }
  return problems;
}

/** Every .graphql file under the folders, named relative to the repository root. */
export function readOperationDocuments(dirs: string[]): OperationDocument[] {
  const documents: OperationDocument[] = [];
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) for (const entry of readdirSync(path).sort()) walk(join(path, entry));
    else if (path.endsWith('.graphql')) documents.push({ name: relative(repoRoot, path), source: readFileSync(path, 'utf8') });
  };
  for (const dir of dirs) if (existsSync(dir)) walk(dir);
  return documents;
}

/** The schema:check gate for clients: each of their operations against the committed API schema. */
export function clientOperationProblems(dirs: string[] = CLIENT_OPERATION_DIRS, schemaPath: string = apiSchemaPath): string[] {
  const documents = readOperationDocuments(dirs);
  if (documents.length === 0) return [`no client operation documents found under ${dirs.map((d) => relative(repoRoot, d)).join(', ')}`];
  return operationProblems(readFileSync(schemaPath, 'utf8'), documents).map((p) => `client operation invalid: ${p}`);
}
