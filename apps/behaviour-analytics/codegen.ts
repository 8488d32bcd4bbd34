import type { CodegenConfig } from '@graphql-codegen/cli';
import { codegenConfig } from '../../infra/supergraph/src/codegen-config';

const config: CodegenConfig = codegenConfig({
  mappers: {
    Customer: '../model/customer-ref#CustomerRef',
    BehaviourProfile: '../model/behaviour-profile#BehaviourProfileRecord',
    StageChange: '../model/behaviour-profile#StageChangeRecord',
    MonthlyStatement: '../model/statements#MonthlyStatementRecord',
    PeakWindow: '../model/peaks#PeakWindowRecord',
    FeatureWindow: '../model/features#FeatureWindowRecord',
  },
});

export default config;
