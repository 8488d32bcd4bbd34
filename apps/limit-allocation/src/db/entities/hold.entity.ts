import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Product } from '@jc/domain';
import { bigintToNumber } from '@jc/subgraph-kit';
import type { HoldStatus } from '../../model/utilisation';

@Entity({ name: 'holds' })
export class HoldEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ type: 'text' })
  product!: Product;

  @Column({ type: 'bigint', transformer: bigintToNumber })
  amount!: number;

  @Column({ type: 'bigint', transformer: bigintToNumber })
  captured!: number;

  @Column({ type: 'text' })
  status!: HoldStatus;

  @Column({ type: 'text', nullable: true })
  merchant!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt!: Date | null;
}
