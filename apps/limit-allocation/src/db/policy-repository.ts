import type { Queryable } from './queryable';
import type { PolicyDocument, RiskSnapshotRecord } from '../model/policy';

export interface PolicyVersion {
  version: number;
  document: PolicyDocument;
  note: string;
  publishedBy: string;
  publishedAt: Date;
}

type PolicyRow = { version: number; document: PolicyDocument; note: string; published_by: string; published_at: Date };
const toPolicy = (r: PolicyRow): PolicyVersion => ({ version: r.version, document: r.document, note: r.note, publishedBy: r.published_by, publishedAt: r.published_at });

type SnapshotRow = Record<string, any>;
/** A risk_snapshots row (or a row carrying its columns) as the policy reads it. */
const toSnapshot = (r: SnapshotRow): RiskSnapshotRecord => ({
  customerId: r.customer_id,
  score: r.score,
  pd: Number(r.pd),
  grade: r.grade,
  lifecycleStage: r.lifecycle_stage,
  region: r.region,
  declaredIncome: Number(r.declared_income),
  behaviourValue: Number(r.behaviour_value),
  onTimeRepaymentMonths: r.on_time_repayment_months,
  overdue: r.overdue,
  asOf: r.as_of,
});

export class PolicyRepository {
  constructor(private readonly dataSource: Queryable) {}

  /** The newest version when `version` is absent. */
  async find(version?: number | null): Promise<PolicyVersion | null> {
    const rows: PolicyRow[] = version == null
      ? await this.dataSource.query(`SELECT * FROM policies ORDER BY version DESC LIMIT 1`)
      : await this.dataSource.query(`SELECT * FROM policies WHERE version = $1`, [version]);
    return rows[0] ? toPolicy(rows[0]) : null;
  }

  /** Numbers the new version in the same statement; concurrent publishers collide on the key and one retries. */
  async publish(document: PolicyDocument, note: string, publishedBy: string, at: Date): Promise<PolicyVersion> {
    const rows: PolicyRow[] = await this.dataSource.query(
      `INSERT INTO policies (version, document, note, published_by, published_at)
       SELECT coalesce(max(version), 0) + 1, $1, $2, $3, $4 FROM policies RETURNING *`,
      [JSON.stringify(document), note, publishedBy, at],
    );
    return toPolicy(rows[0]!);
  }

  /** Keeps the newest snapshot: an older one arriving late changes nothing. */
  async recordSnapshot(s: RiskSnapshotRecord, at: Date): Promise<RiskSnapshotRecord> {
    return (await this.recordSnapshots([s], at)).get(s.customerId)!;
  }

  /**
   * The same for many snapshots in one statement (of each customer only the newest given counts);
   * returns the snapshot held afterwards per customer.
   */
  async recordSnapshots(snapshots: readonly RiskSnapshotRecord[], at: Date): Promise<Map<string, RiskSnapshotRecord>> {
    const newest = new Map<string, RiskSnapshotRecord>();
    for (const s of snapshots) {
      const before = newest.get(s.customerId);
      if (!before || new Date(before.asOf).getTime() <= new Date(s.asOf).getTime()) newest.set(s.customerId, s);
    }
    const rows = [...newest.values()];
    await this.dataSource.query(
      `INSERT INTO risk_snapshots (customer_id, score, pd, grade, lifecycle_stage, region, declared_income, behaviour_value, on_time_repayment_months, overdue, as_of, recorded_at)
       SELECT *, $12::timestamptz FROM unnest($1::text[], $2::int[], $3::numeric[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::int[], $10::boolean[], $11::timestamptz[])
       ON CONFLICT (customer_id) DO UPDATE SET
         score = EXCLUDED.score, pd = EXCLUDED.pd, grade = EXCLUDED.grade, lifecycle_stage = EXCLUDED.lifecycle_stage, region = EXCLUDED.region,
         declared_income = EXCLUDED.declared_income, behaviour_value = EXCLUDED.behaviour_value,
         on_time_repayment_months = EXCLUDED.on_time_repayment_months, overdue = EXCLUDED.overdue, as_of = EXCLUDED.as_of, recorded_at = EXCLUDED.recorded_at
       WHERE risk_snapshots.as_of <= EXCLUDED.as_of`,
      [
        rows.map((s) => s.customerId),
        rows.map((s) => s.score),
        rows.map((s) => s.pd),
        rows.map((s) => s.grade),
        rows.map((s) => s.lifecycleStage),
        rows.map((s) => s.region),
        rows.map((s) => s.declaredIncome),
        rows.map((s) => s.behaviourValue),
        rows.map((s) => s.onTimeRepaymentMonths),
        rows.map((s) => s.overdue),
        rows.map((s) => s.asOf),
        at,
      ],
    );
    return this.snapshots([...newest.keys()]);
  }

  async snapshot(customerId: string): Promise<RiskSnapshotRecord | null> {
    return (await this.snapshots([customerId])).get(customerId) ?? null;
  }

  async snapshots(customerIds: readonly string[]): Promise<Map<string, RiskSnapshotRecord>> {
    const rows: SnapshotRow[] = await this.dataSource.query(`SELECT * FROM risk_snapshots WHERE customer_id = ANY($1::text[])`, [customerIds]);
    return new Map(rows.map((r) => [r.customer_id as string, toSnapshot(r)]));
  }
}
