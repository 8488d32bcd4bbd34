import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'credit_scores' })
export class CreditScoreEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ name: 'model_version', type: 'text' })
  modelVersion!: string;

  @Column({ type: 'boolean' })
  shadow!: boolean;

  @Column({ type: 'integer' })
  score!: number;

  /** The model's score before the region's calibration: what monitoring compares with training. */
  @Column({ name: 'model_score', type: 'integer' })
  modelScore!: number;

  @Column({ type: 'text' })
  grade!: 'A' | 'B' | 'C' | 'D' | 'E';

  @Column({ name: 'probability_of_default', type: 'double precision' })
  probabilityOfDefault!: number;

  @Column({ type: 'jsonb' })
  reasons!: unknown;

  @Column({ type: 'char', length: 2 })
  region!: string;

  @Column({ name: 'region_calibration_applied', type: 'boolean' })
  regionCalibrationApplied!: boolean;

  @Column({ name: 'scored_at', type: 'timestamptz' })
  scoredAt!: Date;
}
