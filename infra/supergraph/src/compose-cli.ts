import { writeFileSync } from 'node:fs';
import { compose, readSubgraphSdl } from './compose';
import { apiSchemaPath, SUBGRAPHS, supergraphPath } from './subgraphs';

const result = compose(readSubgraphSdl(SUBGRAPHS));
if (!result.ok) {
  for (const error of result.errors) console.error(`composition error: ${error}`);
  process.exit(1);
}
writeFileSync(supergraphPath, result.supergraphSdl);
writeFileSync(apiSchemaPath, result.apiSchemaSdl);
console.log(`wrote ${supergraphPath}\nwrote ${apiSchemaPath}`);
