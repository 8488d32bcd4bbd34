export * from './compose';
export * from './check';
export * from './breaking-changes';
export * from './subgraphs';
export { codegenConfig } from './codegen-config';
