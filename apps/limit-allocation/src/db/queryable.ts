import type { EntityManager } from 'typeorm';

/**
 * What a repository needs to run SQL: the data source, or a transaction's manager when its work
 * must commit together with something else (an event in the outbox, an inbox record).
 */
export type Queryable = Pick<EntityManager, 'query'>;
