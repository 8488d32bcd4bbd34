import { isOneOf, type Clock, type EventEnvelope, type MerchantCategory, type Product, type UtilisationRecordedV1 } from '@jc/domain';
import type { ConsumerSpec } from '@jc/events';
import { CustomerLimitRepository } from '../db/customer-limit-repository';
import { CustomerRegionRepository } from '../db/customer-region-repository';
import { SERVICE } from '../db/database';
import { MERCHANT_CATEGORIES, type TransactionEvent } from '../model/events';
import type { DerivationSettings } from '../services/derive-profiles';
import { ingestTransactionsIn } from '../services/ingestion';

export const LIMITS_CONSUMER = `${SERVICE}.limits`;
export const UTILISATION_CONSUMER = `${SERVICE}.utilisation`;
export const REGIONS_CONSUMER = `${SERVICE}.regions`;

/** For a capture without a (known) merchant category: a cash drawdown is CASH, a purchase the most common kind. */
const DEFAULT_CATEGORY: Record<Product, MerchantCategory> = { CASH_LOAN: 'CASH', PAY_LATER: 'GROCERY' };
/** Captures without a channel come from the platform's own apps. */
const DEFAULT_CHANNEL = 'ONLINE';

export function utilisationAsTransaction(p: UtilisationRecordedV1): TransactionEvent {
  return {
    // The capture's id: a direct recordTransactions of the same capture is then the same event.
    eventId: p.utilisationId,
    customerId: p.customerId,
    product: p.product,
    amount: p.amount,
    merchantCategory: isOneOf(MERCHANT_CATEGORIES, p.merchantCategory) ? p.merchantCategory : DEFAULT_CATEGORY[p.product],
    channel: p.channel ?? DEFAULT_CHANNEL,
    occurredAt: new Date(p.occurredAt),
  };
}

/**
 * limit.changed keeps each customer's limit history for statements; utilisation.recorded is a
 * transaction, ingested by the same path as a recordTransactions batch in the inbox's transaction
 * (so it re-derives the customer and may publish behaviour.updated). A utilisation our own event
 * rules refuse (e.g. dated far ahead) fails and, after the inbox's retries, is parked.
 * score.changed carries the region credit-scoring onboarded the customer with, which region
 * segments need; nothing else of the score is kept here. Consumers get events in batches
 * (packages/events); the regions of a batch are stored in one statement.
 */
export function behaviourConsumers(settings: DerivationSettings, clock: Clock): ConsumerSpec[] {
  return [
    {
      name: LIMITS_CONSUMER,
      effects: {
        'limit.changed': (event: EventEnvelope<'limit.changed'>, manager) => new CustomerLimitRepository(manager).record(event.payload),
      },
    },
    {
      name: UTILISATION_CONSUMER,
      effects: {
        'utilisation.recorded': async (event: EventEnvelope<'utilisation.recorded'>, manager) => {
          await ingestTransactionsIn(manager, settings, [utilisationAsTransaction(event.payload)], clock);
        },
      },
    },
    {
      name: REGIONS_CONSUMER,
      batchEffects: {
        // one statement for the batch; of a customer's scores the last one's region stands, as one by one
        'score.changed': async (events: EventEnvelope<'score.changed'>[], manager) => {
          const regions = new Map(events.map((e) => [e.payload.customerId, e.payload.region]));
          await new CustomerRegionRepository(manager).upsert([...regions].map(([customerId, region]) => ({ customerId, region })));
        },
      },
    },
  ];
}
