import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LifecycleStage } from '@jc/domain';
import type { FeatureWindowRecord } from '../../model/features';

@Entity({ name: 'behaviour_profiles' })
export class BehaviourProfileEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ name: 'lifecycle_stage', type: 'text' })
  lifecycleStage!: LifecycleStage;

  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf!: Date;

  @Column({ name: 'rules_version', type: 'text', nullable: true })
  rulesVersion!: string | null;

  /** The earliest event of the customer: when the platform first saw them. */
  @Column({ name: 'first_seen_at', type: 'timestamptz', nullable: true })
  firstSeenAt!: Date | null;

  @Column({ name: 'months_since_first_use', type: 'integer', nullable: true })
  monthsSinceFirstUse!: number | null;

  @Column({ name: 'current_days_past_due', type: 'integer', default: 0 })
  currentDaysPastDue!: number;

  @Column({ name: 'windows', type: 'jsonb', default: () => `'[]'::jsonb` })
  windows!: FeatureWindowRecord[];

  /** When time alone may next change the stage; the stage sweep re-derives the profile then. */
  @Column({ name: 'stage_due_at', type: 'timestamptz', nullable: true })
  stageDueAt!: Date | null;
}
