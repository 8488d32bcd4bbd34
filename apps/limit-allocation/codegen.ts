import type { CodegenConfig } from '@graphql-codegen/cli';
import { codegenConfig } from '../../infra/supergraph/src/codegen-config';

const config: CodegenConfig = codegenConfig({
  mappers: {
    Customer: '../model/customer-ref#CustomerRef',
    CreditLine: '../model/credit-line#CreditLineRecord',
    ProductLine: '../model/credit-line#ProductLineView',
  },
});

export default config;
