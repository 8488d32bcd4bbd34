import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { sharedSdl } from '@jc/graphql-shared';
import { assertAccessRules, enforceAccessRules, testPrincipals } from '../src';

const schemaOf = (sdl: string) =>
  buildSubgraphSchema([{
    typeDefs: parse(`${sharedSdl}\nextend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])\n${sdl}`),
    resolvers: { Query: { thing: () => ({ id: 'c_00000000000000a1', secret: 's' }), other: () => 1 } } as never,
  }]);

const guarded = `
  type Thing @key(fields: "id") { id: ID! secret: String @access(roles: ["CUSTOMER", "ANALYST"], self: "parent.id") }
  type Query { thing: Thing @access(roles: ["CUSTOMER", "ANALYST"], self: "args.id") other: Int @access(roles: ["ADMIN"]) }`;

it('accepts a schema where every operation and entity field has a rule', () => {
  expect(() => assertAccessRules(schemaOf(guarded))).not.toThrow();
});

it('refuses to start when a new query, mutation or entity field has no rule', () => {
  expect(() => assertAccessRules(schemaOf(guarded.replace('other: Int @access(roles: ["ADMIN"])', 'other: Int')))).toThrow(/Query.other has no @access rule/);
  expect(() => assertAccessRules(schemaOf(`${guarded}\n type Mutation { doIt: Int }`))).toThrow(/Mutation.doIt has no @access rule/);
  expect(() => assertAccessRules(schemaOf(guarded.replace('secret: String @access(roles: ["CUSTOMER", "ANALYST"], self: "parent.id")', 'secret: String')))).toThrow(/Thing.secret/);
});

it('refuses a rule that lets CUSTOMER in without saying whose data it is, or names an unknown role', () => {
  expect(() => assertAccessRules(schemaOf(guarded.replace('other: Int @access(roles: ["ADMIN"])', 'other: Int @access(roles: ["CUSTOMER"])')))).toThrow(/self/);
  expect(() => assertAccessRules(schemaOf(guarded.replace('roles: ["ADMIN"]', 'roles: ["ROOT"]')))).toThrow(/unknown role/);
});

it('enforces roles and ownership at execution', async () => {
  const schema = schemaOf(guarded);
  enforceAccessRules(schema);
  const run = (principal: unknown, source: string) => graphql({ schema, source, contextValue: { principal } });
  expect((await run(testPrincipals.admin, '{ other }')).data).toEqual({ other: 1 });
  expect((await run(testPrincipals.analyst, '{ other }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await run(null, '{ other }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  const own = await run(testPrincipals.customer('c_00000000000000a1'), '{ _entities(representations: [{ __typename: "Thing", id: "c_00000000000000a1" }]) { ... on Thing { secret } } }');
  expect(own.errors).toBeUndefined();
  const other = await run(testPrincipals.customer('c_00000000000000b2'), '{ _entities(representations: [{ __typename: "Thing", id: "c_00000000000000a1" }]) { ... on Thing { secret } } }');
  expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});
