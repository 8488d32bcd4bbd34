import { regionByCode } from '@jc/domain';
import type { CustomerResolvers } from '../generated/graphql';

export const Customer: CustomerResolvers = {
  __resolveReference: (ref, ctx) => ctx.customerById.load(ref.id),
  regionName: (customer) => regionByCode(customer.region)?.nameEn ?? customer.region,
};
