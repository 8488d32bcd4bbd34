import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Product } from '@jc/domain';
import { bigintToNumber } from '@jc/subgraph-kit';
import type { LedgerKind } from '../../model/utilisation';

/** Read-only here: entries are written only by the guarded movement statements. */
@Entity({ name: 'ledger_entries' })
export class LedgerEntryEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ type: 'text' })
  product!: Product;

  @Column({ type: 'text' })
  kind!: LedgerKind;

  @Column({ name: 'hold_id', type: 'text', nullable: true })
  holdId!: string | null;

  @Column({ name: 'held_delta', type: 'bigint', transformer: bigintToNumber })
  heldDelta!: number;

  @Column({ name: 'used_delta', type: 'bigint', transformer: bigintToNumber })
  usedDelta!: number;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
