import { DEFAULT_BINNING, type BinningOptions } from '../binning/supervised-binning';
import { STANDARD_SCALING, type Scaling } from '../scaling';
import { DEFAULT_SELECTION, type SelectionOptions } from './selection';

export interface FitOptions {
  /**
   * 'scorecard': supervised binning under the declared shapes, selection, segmentation.
   * 'baseline': every characteristic cut at 10 quantiles, all kept, one segment.
   */
  method: 'scorecard' | 'baseline';
  binning: BinningOptions;
  selection: SelectionOptions;
  /** L2 penalty of the logistic regression. */
  l2: number;
  /** Drop characteristics whose coefficient comes out with the wrong sign, then refit. */
  dropWrongSigns: boolean;
  /** Drop characteristics whose points (best bin minus worst) span less than this, then refit. */
  minPointsSpan: number;
  /** Use the characteristic set's segmentation when it has one. */
  segmented: boolean;
  /**
   * Fewer training rows, or fewer than a tenth as many bads or goods, in any segment and
   * one scorecard is fitted for everyone instead.
   */
  minSegmentRows: number;
  calibration: 'isotonic' | 'platt';
  scaling: Scaling;
  /** Equal-count training score bands kept for score PSI and the calibration table. */
  scoreBands: number;
}

export const DEFAULT_FIT: FitOptions = {
  method: 'scorecard',
  binning: DEFAULT_BINNING,
  selection: DEFAULT_SELECTION,
  l2: 1,
  dropWrongSigns: true,
  minPointsSpan: 2,
  segmented: true,
  minSegmentRows: 200,
  calibration: 'isotonic',
  scaling: STANDARD_SCALING,
  scoreBands: 10,
};

export const BASELINE_FIT: FitOptions = { ...DEFAULT_FIT, method: 'baseline', dropWrongSigns: false, minPointsSpan: 0, segmented: false };

export type ProgressLog = (message: string) => void;
