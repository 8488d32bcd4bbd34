import type { Clock } from '@jc/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { sixMonthWindow } from '../model/statements';
import { scoreSubject, type CreditScore, type ModelVersion, type ScoringSubject } from '../model/scoring';
import type { ModelRegistryRepository } from './model-registry-repository';
import type { ScoreRepository } from './score-repository';
import type { StatementRepository } from './statement-repository';

export interface ScoringDeps {
  dataSource: DataSource;
  registry: ModelRegistryRepository;
  statements: StatementRepository;
  scores: ScoreRepository;
  clock: Clock;
  /** NT$ (the model's unit) per yuan. */
  unitsPerYuan: number;
}

/**
 * Scores the customers from their stored statements with every live model and appends the
 * scores; customers without statements are skipped. Runs on `manager` so a caller's transaction
 * sees its own statements.
 */
export async function scoreFromStatements(
  deps: ScoringDeps,
  subjects: ReadonlyArray<ScoringSubject>,
  models: ReadonlyArray<ModelVersion>,
  manager: EntityManager,
): Promise<CreditScore[]> {
  const windows = await deps.statements.windows(subjects.map((s) => s.id), manager);
  const scores: CreditScore[] = [];
  const today = deps.clock.now().toISOString().slice(0, 10);
  for (const subject of subjects) {
    const window = sixMonthWindow(windows.get(subject.id) ?? [], deps.unitsPerYuan, today);
    if (!window) continue;
    for (const model of models) scores.push(scoreSubject(model, subject, window, deps.clock));
  }
  await deps.scores.insertMany(scores, manager);
  return scores;
}

export interface RescoreProgress {
  done: number;
  scored: number;
}

/**
 * Rescores every customer in id order, a batch per transaction so a crash loses at most one
 * batch and the single PGlite session is never held for the whole run.
 */
export async function rescoreAll(
  deps: ScoringDeps,
  options: { batchSize?: number; onProgress?: (p: RescoreProgress) => void } = {},
): Promise<RescoreProgress> {
  const batchSize = options.batchSize ?? 2000;
  const progress = { done: 0, scored: 0 };
  let after = '';
  for (;;) {
    const rows: Array<{ id: string; region: string; birth_year: number; education: ScoringSubject['education'] }> = await deps.dataSource.query(
      'SELECT id, region, birth_year, education FROM customers WHERE id > $1 ORDER BY id LIMIT $2',
      [after, batchSize],
    );
    if (rows.length === 0) break;
    const subjects = rows.map((r) => ({ id: r.id, region: r.region, birthYear: r.birth_year, education: r.education }));
    // the live models are read in each batch's transaction, so a promotion during the run applies from the next batch
    const scored = await deps.dataSource.transaction(async (m) => scoreFromStatements(deps, subjects, await deps.registry.live(m), m));
    progress.done += rows.length;
    progress.scored += scored.length;
    options.onProgress?.({ ...progress });
    after = (rows.at(-1) as { id: string }).id;
  }
  return progress;
}
