import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LineStatus } from '@jc/domain';
import { bigintToNumber } from '@jc/subgraph-kit';

@Entity({ name: 'credit_lines' })
export class CreditLineEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ type: 'text' })
  status!: LineStatus;

  @Column({ name: 'joint_limit', type: 'bigint', transformer: bigintToNumber })
  jointLimit!: number;

  @Column({ name: 'cash_loan_limit', type: 'bigint', transformer: bigintToNumber })
  cashLoanLimit!: number;

  @Column({ name: 'cash_loan_used', type: 'bigint', transformer: bigintToNumber })
  cashLoanUsed!: number;

  @Column({ name: 'pay_later_limit', type: 'bigint', transformer: bigintToNumber })
  payLaterLimit!: number;

  @Column({ name: 'pay_later_used', type: 'bigint', transformer: bigintToNumber })
  payLaterUsed!: number;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
