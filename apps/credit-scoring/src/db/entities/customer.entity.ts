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

  // Not part of the profile: read only by the idempotent insert, so ordinary reads leave them out.
  @Column({ name: 'idempotency_key', type: 'text', nullable: true, select: false })
  idempotencyKey?: string | null;

  @Column({ name: 'request_fingerprint', type: 'text', nullable: true, select: false })
  requestFingerprint?: string | null;
}
