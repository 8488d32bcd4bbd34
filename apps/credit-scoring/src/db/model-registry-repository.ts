import { STATEMENT_SCORECARD, validateModel, type ScorecardModel } from '@jc/scorecard';
import type { DataSource, EntityManager } from 'typeorm';
import { badInput, conflict } from '@jc/subgraph-kit';
import { defaultGradeCutoffs, type GradeCutoffs, type RegionalStandard } from '../model/grading';
import type { Registration } from '../model/model-registry';
import type { ModelVersion } from '../model/scoring';

type Header = Omit<ModelVersion, 'model'>;

/**
 * A stored model as read back. A row stored by an older release may no longer pass the validator
 * (`model` null) or may be well-formed but unable to score here (`problem` set): the registration
 * checks tightened since. Such a model is left out of scoring instead of failing every score.
 */
interface Loaded {
  model: ScorecardModel | null;
  problem: string | null;
}

function loadStored(json: unknown): Loaded {
  const scoreable = validateModel(json, STATEMENT_SCORECARD);
  if (scoreable.ok) return { model: scoreable.model, problem: null };
  const wellFormed = validateModel(json);
  return { model: wellFormed.ok ? wellFormed.model : null, problem: scoreable.reason };
}

/** Where the registry reports stored models it cannot use. */
export interface RegistryLogger {
  warn(details: object, message: string): void;
}

/**
 * Parsed models kept. The live ones (a champion and a few challengers) are needed on every
 * scoring; a model is a few hundred kB parsed, so listing a long registry must not keep them all.
 */
export const MODEL_CACHE_SIZE = 16;

/**
 * The registry of model versions. A version's model is immutable (its id is a content hash), so
 * parsed models are cached by version, the least recently used dropped first; statuses are read
 * fresh every time because another process may have promoted a model.
 */
export class ModelRegistryRepository {
  private readonly models = new Map<string, Loaded>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger?: RegistryLogger,
  ) {}

  private async headers(manager: EntityManager, where: string, params: unknown[] = [], limit = ''): Promise<Header[]> {
    const rows: Array<Record<string, any>> = await manager.query(
      `SELECT version, status, default_grade_cutoffs, regional_standards, registered_at, promoted_at
         FROM scoring_models ${where}
        ORDER BY CASE status WHEN 'CHAMPION' THEN 0 WHEN 'CHALLENGER' THEN 1 ELSE 2 END, registered_at DESC, version ${limit}`,
      params,
    );
    return rows.map((r) => ({
      version: r.version,
      status: r.status,
      defaultGradeCutoffs: r.default_grade_cutoffs as GradeCutoffs,
      regionalStandards: r.regional_standards as RegionalStandard[],
      registeredAt: new Date(r.registered_at),
      promotedAt: r.promoted_at ? new Date(r.promoted_at) : null,
    }));
  }

  private remember(version: string, loaded: Loaded): void {
    this.models.delete(version);
    this.models.set(version, loaded);
    while (this.models.size > MODEL_CACHE_SIZE) this.models.delete(this.models.keys().next().value as string);
  }

  private load(version: string, json: unknown): Loaded {
    const loaded = loadStored(json);
    if (loaded.problem !== null) this.logger?.warn({ version, problem: loaded.problem }, 'stored scoring model cannot score; it is left out of scoring');
    return loaded;
  }

  /**
   * The headers with their models. For scoring, only models that can score here; a champion that
   * cannot is an error, as there is no profile without it. Otherwise every model that can be read.
   */
  private async withModels(manager: EntityManager, headers: Header[], purpose: 'scoring' | 'reading' = 'reading'): Promise<ModelVersion[]> {
    const found = new Map<string, Loaded>();
    for (const h of headers) {
      const cached = this.models.get(h.version);
      if (cached) found.set(h.version, cached);
    }
    const missing = headers.filter((h) => !found.has(h.version)).map((h) => h.version);
    if (missing.length > 0) {
      const rows: Array<{ version: string; model: unknown }> = await manager.query(
        'SELECT version, model FROM scoring_models WHERE version = ANY($1)',
        [missing],
      );
      for (const r of rows) found.set(r.version, this.load(r.version, r.model));
    }
    for (const [version, loaded] of found) this.remember(version, loaded);
    const versions: ModelVersion[] = [];
    for (const h of headers) {
      const loaded = found.get(h.version);
      if (!loaded?.model) continue;
      if (purpose === 'scoring' && loaded.problem !== null) {
        if (h.status === 'CHAMPION') throw new Error(`The champion model ${h.version} cannot score: ${loaded.problem}`);
        continue;
      }
      versions.push({ ...h, model: loaded.model });
    }
    return versions;
  }

  /** Registered versions, champion first, then challengers, then retired ones; at most `limit`. */
  async list(options: { status?: ModelVersion['status'] | null; limit: number }, manager: EntityManager = this.dataSource.manager): Promise<ModelVersion[]> {
    const where = options.status ? 'WHERE status = $2' : '';
    const params: unknown[] = options.status ? [options.limit, options.status] : [options.limit];
    return this.withModels(manager, await this.headers(manager, where, params, 'LIMIT $1'));
  }

  /**
   * The champion and the challengers: every model that scores, read in the scoring transaction
   * `manager` holds. Its lock conflicts with the one a promotion takes first (and not with other
   * scorers), so a promotion waits for the transactions scoring with the models as they were, and
   * their scores are stored as champion or shadow by the roles the models had when they were made.
   */
  async live(manager: EntityManager): Promise<ModelVersion[]> {
    await manager.query('LOCK TABLE scoring_models IN ROW EXCLUSIVE MODE');
    return this.withModels(manager, await this.headers(manager, `WHERE status <> 'RETIRED'`), 'scoring');
  }

  async champion(manager: EntityManager = this.dataSource.manager): Promise<ModelVersion | null> {
    const [version] = await this.withModels(manager, await this.headers(manager, `WHERE status = 'CHAMPION'`));
    return version ?? null;
  }

  async find(version: string, manager: EntityManager = this.dataSource.manager): Promise<ModelVersion | null> {
    const [found] = await this.withModels(manager, await this.headers(manager, 'WHERE version = $1', [version]));
    return found ?? null;
  }

  /** Stores a validated model as a challenger; CONFLICT when that version is already registered. */
  async register(registration: Registration, at: Date, status: 'CHALLENGER' | 'CHAMPION' = 'CHALLENGER'): Promise<ModelVersion> {
    const { model } = registration;
    const inserted = await this.dataSource.query(
      `INSERT INTO scoring_models (version, status, model, default_grade_cutoffs, regional_standards, registered_at, promoted_at)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5::jsonb, $6, $7)
       ON CONFLICT DO NOTHING RETURNING version`,
      [
        model.modelId,
        status,
        JSON.stringify(model),
        JSON.stringify(registration.defaultGradeCutoffs),
        JSON.stringify(registration.regionalStandards),
        at,
        status === 'CHAMPION' ? at : null,
      ],
    );
    if (inserted.length === 0) throw conflict(`Model ${model.modelId} is already registered`);
    this.remember(model.modelId, { model, problem: null });
    return (await this.find(model.modelId)) as ModelVersion;
  }

  /**
   * Registers the committed default model as champion when the registry has none at all, so a
   * fresh database scores from its first request. Safe to run on every start and concurrently:
   * the insert does nothing when any model exists.
   */
  async ensureChampion(model: ScorecardModel, at: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO scoring_models (version, status, model, default_grade_cutoffs, regional_standards, registered_at, promoted_at)
       SELECT $1, 'CHAMPION', $2::jsonb, $3::jsonb, '[]'::jsonb, $4, $4
        WHERE NOT EXISTS (SELECT 1 FROM scoring_models)
       ON CONFLICT DO NOTHING`,
      [model.modelId, JSON.stringify(model), JSON.stringify(defaultGradeCutoffs(model)), at],
    );
  }

  /** Makes a challenger the champion and retires the previous one, in one transaction. */
  async promote(version: string, at: Date): Promise<ModelVersion> {
    await this.dataSource.transaction(async (m) => {
      // Two promotions at once would each retire the champion they saw and then collide on the
      // one-champion index; taking the table lock first makes the second see the first's result.
      await m.query('LOCK TABLE scoring_models IN SHARE ROW EXCLUSIVE MODE');
      const rows: Array<{ status: string; model: unknown }> = await m.query('SELECT status, model FROM scoring_models WHERE version = $1 FOR UPDATE', [version]);
      const row = rows[0];
      // The version is part of the input, so naming one that does not exist is bad input.
      if (!row) throw badInput('Cannot promote model: input.version: no registered model has this version', [{ path: 'input.version', reason: 'no registered model has this version' }]);
      if (row.status === 'CHAMPION') throw conflict(`Model ${version} is already the champion`);
      if (row.status === 'RETIRED') throw conflict(`Model ${version} is retired and cannot score again`);
      // A row stored before the registration checks tightened may not score: it must not become the champion.
      const { problem } = this.models.get(version) ?? this.load(version, row.model);
      if (problem !== null) throw conflict(`Model ${version} cannot score here and cannot be promoted: ${problem}`);
      await m.query(`UPDATE scoring_models SET status = 'RETIRED' WHERE status = 'CHAMPION'`);
      await m.query(`UPDATE scoring_models SET status = 'CHAMPION', promoted_at = $2 WHERE version = $1 AND status = 'CHALLENGER'`, [version, at]);
    });
    return (await this.find(version)) as ModelVersion;
  }
}
