import type { ModelMetrics, ScorecardModel } from '../model/model-schema';
import type { BatchScores } from '../model/score';
import { bandOf, calibrationTable, psi, type CalibrationRow } from './metrics';
import { modelMetrics } from './model-metrics';

export interface CharacteristicPsi {
  segment: number;
  code: string;
  psi: number;
}

export interface EvaluationReport extends ModelMetrics {
  /** Score PSI against the training score bands. */
  psi: number;
  /** PSI of the segment mix against training. */
  segmentPsi: number;
  /** Per segment and characteristic, the bin mix of that segment's rows against training. */
  characteristicPsi: CharacteristicPsi[];
  calibrationTable: CalibrationRow[];
}

function shares(counts: number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

/** Scores must come from `scoreRecords(..., { withBins: true })` so characteristic PSI can be measured. */
export function evaluateScores(model: ScorecardModel, scored: BatchScores, labels: ArrayLike<number>): EvaluationReport {
  const n = scored.score.length;
  if (labels.length !== n) throw new RangeError(`${n} scores but ${labels.length} labels`);
  const distribution = model.trainingDistribution;
  const bandCounts = new Array<number>(distribution.scoreBandEdges.length + 1).fill(0);
  const segmentCounts = new Array<number>(model.segments.length).fill(0);
  for (let i = 0; i < n; i++) {
    const band = bandOf(distribution.scoreBandEdges, scored.score[i] as number);
    bandCounts[band] = (bandCounts[band] as number) + 1;
    const s = scored.segment[i] as number;
    segmentCounts[s] = (segmentCounts[s] as number) + 1;
  }
  const characteristicPsi: CharacteristicPsi[] = [];
  if (scored.bins) {
    model.segments.forEach((segment, s) => {
      if (!segmentCounts[s]) return;
      segment.characteristics.forEach((c, j) => {
        const rows = (scored.bins as Int32Array[][])[s]?.[j] as Int32Array;
        const counts = new Array<number>(c.bins.length).fill(0);
        for (const b of rows) if (b >= 0) counts[b] = (counts[b] as number) + 1;
        characteristicPsi.push({ segment: s, code: c.code, psi: psi(c.bins.map((bin) => bin.share), shares(counts)) });
      });
    });
  }
  return {
    ...modelMetrics(scored.score, scored.pd, labels),
    psi: psi(distribution.scoreBandShares, shares(bandCounts)),
    segmentPsi: psi(distribution.segmentShares, shares(segmentCounts)),
    characteristicPsi,
    calibrationTable: calibrationTable(scored.score, scored.pd, labels, distribution.scoreBandEdges),
  };
}
