import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintToNumber } from '@jc/subgraph-kit';

@Entity({ name: 'customer_statements' })
export class CustomerStatementEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @PrimaryColumn({ type: 'date' })
  month!: string;

  @Column({ name: 'credit_limit', type: 'bigint', transformer: bigintToNumber })
  limit!: number;

  @Column({ type: 'bigint', transformer: bigintToNumber })
  balance!: number;

  @Column({ type: 'bigint', transformer: bigintToNumber })
  repaid!: number;

  @Column({ type: 'smallint' })
  status!: number;
}
