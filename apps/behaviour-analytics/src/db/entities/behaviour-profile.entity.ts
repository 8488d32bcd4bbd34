import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LifecycleStage } from '@jc/domain';

@Entity({ name: 'behaviour_profiles' })
export class BehaviourProfileEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ name: 'lifecycle_stage', type: 'text' })
  lifecycleStage!: LifecycleStage;

  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf!: Date;
}
