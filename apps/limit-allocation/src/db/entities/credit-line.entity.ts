import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CustomerTier, LineStatus } from '@jc/domain';
import { bigintToNumber } from '@jc/subgraph-kit';
import { numericToNumber } from './numeric';

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

  @Column({ type: 'text' })
  tier!: CustomerTier;

  @Column({ name: 'cash_loan_held', type: 'bigint', transformer: bigintToNumber })
  cashLoanHeld!: number;

  @Column({ name: 'pay_later_held', type: 'bigint', transformer: bigintToNumber })
  payLaterHeld!: number;

  @Column({ name: 'cash_loan_ceiling', type: 'bigint', transformer: bigintToNumber })
  cashLoanCeiling!: number;

  @Column({ name: 'pay_later_ceiling', type: 'bigint', transformer: bigintToNumber })
  payLaterCeiling!: number;

  @Column({ name: 'joint_ceiling', type: 'bigint', transformer: bigintToNumber })
  jointCeiling!: number;

  @Column({ name: 'cash_loan_apr', type: 'numeric', precision: 6, scale: 4, transformer: numericToNumber })
  cashLoanApr!: number;

  @Column({ name: 'pay_later_apr', type: 'numeric', precision: 6, scale: 4, transformer: numericToNumber })
  payLaterApr!: number;

  @Column({ name: 'cash_loan_draws_frozen', type: 'boolean' })
  cashLoanDrawsFrozen!: boolean;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
