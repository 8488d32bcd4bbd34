import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintToNumber } from '@jc/subgraph-kit';
import type { Education } from '@jc/domain';

@Entity({ name: 'customers' })
export class CustomerEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'char', length: 2 })
  region!: string;

  @Column({ name: 'onboarded_at', type: 'timestamptz' })
  onboardedAt!: Date;

  @Column({ name: 'declared_annual_income', type: 'bigint', transformer: bigintToNumber })
  declaredAnnualIncome!: number;

  @Column({ name: 'birth_year', type: 'smallint' })
  birthYear!: number;

  @Column({ type: 'text' })
  education!: Education;
}
