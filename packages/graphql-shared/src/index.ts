import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export * from './scalars';

/** Path of the shared SDL, for tools such as codegen that read files. */
export const sharedSdlPath = join(__dirname, 'shared.graphql');

/** The shared SDL text every subgraph puts in front of its own schema. */
export const sharedSdl = readFileSync(sharedSdlPath, 'utf8');
