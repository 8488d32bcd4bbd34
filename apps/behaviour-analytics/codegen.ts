import type { CodegenConfig } from '@graphql-codegen/cli';
import { codegenConfig } from '../../infra/supergraph/src/codegen-config';

const config: CodegenConfig = codegenConfig({
  mappers: { Customer: '../model/customer-ref#CustomerRef', BehaviourProfile: '../model/behaviour-profile#BehaviourProfileRecord' },
});

export default config;
