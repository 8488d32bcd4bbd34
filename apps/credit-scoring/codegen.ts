import type { CodegenConfig } from '@graphql-codegen/cli';
import { codegenConfig } from '../../infra/supergraph/src/codegen-config';

const config: CodegenConfig = codegenConfig({
  mappers: {
    Customer: '../model/customer#CustomerRecord',
    CreditProfile: '../model/scoring#CreditScore',
    ScoringModel: '../model/scoring#ModelVersion',
    Outcome: '../db/outcome-repository#OutcomeRecord',
  },
});

export default config;
