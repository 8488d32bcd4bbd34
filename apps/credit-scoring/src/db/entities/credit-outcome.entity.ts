import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'credit_outcomes' })
export class CreditOutcomeEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @PrimaryColumn({ name: 'observed_at', type: 'timestamptz' })
  observedAt!: Date;

  @Column({ type: 'boolean' })
  defaulted!: boolean;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
