import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'scoring_models' })
export class ScoringModelEntity {
  @PrimaryColumn({ type: 'text' })
  version!: string;

  @Column({ type: 'text' })
  status!: 'CHALLENGER' | 'CHAMPION' | 'RETIRED';

  @Column({ type: 'jsonb' })
  model!: unknown;

  @Column({ name: 'default_grade_cutoffs', type: 'jsonb' })
  defaultGradeCutoffs!: unknown;

  @Column({ name: 'regional_standards', type: 'jsonb' })
  regionalStandards!: unknown;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ name: 'promoted_at', type: 'timestamptz', nullable: true })
  promotedAt!: Date | null;
}
