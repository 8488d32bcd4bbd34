import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientOperationProblems, CLIENT_OPERATION_DIRS, operationProblems, readOperationDocuments } from '../src/check-operations';

const SCHEMA = `
scalar Money
type Query { customer(id: ID!): Customer }
type Customer { id: ID! limit: Money! }
`;

describe('operationProblems', () => {
  it('accepts valid named operations with their fragments', () => {
    const source = 'query One($id: ID!) { customer(id: $id) { ...C } }\nfragment C on Customer { id limit }';
    expect(operationProblems(SCHEMA, [{ name: 'a.graphql', source }])).toEqual([]);
  });

  it('reports unknown fields, wrong arguments and unused fragments with file, line and column', () => {
    const source = 'query One {\n  customer(key: "1") { id score }\n}\nfragment Unused on Customer { id }';
    expect(operationProblems(SCHEMA, [{ name: 'a.graphql', source }])).toEqual([
      'a.graphql:2:12: Unknown argument "key" on field "Query.customer".',
      'a.graphql:2:27: Cannot query field "score" on type "Customer".',
      'a.graphql:2:3: Field "customer" argument "id" of type "ID!" is required, but it was not provided.',
      'a.graphql:4:1: Fragment "Unused" is never used.',
    ]);
  });

  it('reports syntax errors, anonymous operations and a name used in two files', () => {
    expect(
      operationProblems(SCHEMA, [
        { name: 'a.graphql', source: 'query { customer(id: "1") { id } }' },
        { name: 'b.graphql', source: 'query Same { customer(id: "1") { id } }' },
        { name: 'c.graphql', source: 'query Same { customer(id: "1") { id } }' },
        { name: 'd.graphql', source: 'query Broken { customer(' },
      ]),
    ).toEqual([
      'a.graphql: every operation needs a name',
      'c.graphql: operation Same is also defined in b.graphql',
      'd.graphql:1:25: Syntax Error: Expected Name, found <EOF>.',
    ]);
  });
});

describe('clientOperationProblems', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ops-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every .graphql file below the folders and checks them all against the schema file', () => {
    mkdirSync(join(dir, 'nested'));
    writeFileSync(join(dir, 'schema.graphqls'), SCHEMA);
    writeFileSync(join(dir, 'ok.graphql'), 'query Ok { customer(id: "1") { id } }');
    writeFileSync(join(dir, 'nested', 'bad.graphql'), 'query Bad { customers { id } }');
    writeFileSync(join(dir, 'notes.md'), 'not an operation');
    const problems = clientOperationProblems([dir], join(dir, 'schema.graphqls'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^client operation invalid: .*nested\/bad\.graphql:1:13: Cannot query field "customers" on type "Query"/);
  });

  it('fails when there is nothing to check rather than passing silently', () => {
    expect(clientOperationProblems([join(dir, 'missing')])).toEqual([expect.stringMatching(/^no client operation documents found under /)]);
  });

  it("finds the console's operation documents", () => {
    const names = readOperationDocuments(CLIENT_OPERATION_DIRS).map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['apps/console/src/graphql/customer.graphql', 'apps/console/src/graphql/allocation.graphql']));
  });
});
