import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintToNumber } from '@jc/subgraph-kit';
import { bigintToString, numericToNumber } from './numeric';

@Entity({ name: 'uplifts' })
export class UpliftEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ name: 'cash_loan', type: 'boolean' })
  cashLoan!: boolean;

  @Column({ name: 'pay_later', type: 'boolean' })
  payLater!: boolean;

  @Column({ type: 'bigint', nullable: true, transformer: bigintToNumber })
  amount!: number | null;

  @Column({ type: 'numeric', precision: 6, scale: 3, nullable: true, transformer: numericToNumber })
  multiplier!: number | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'campaign_id', type: 'bigint', nullable: true, transformer: bigintToString })
  campaignId!: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ name: 'cancelled_by', type: 'text', nullable: true })
  cancelledBy!: string | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: string | null;
}
