import { PRODUCTS } from '@jc/domain';
import { lineOutcome, type LineEconomics, type LineOutcome, type MutableLineEconomics } from './economics';

// read once: `outcome` runs millions of times, and under the CommonJS loader an imported name is a getter call
const PRODUCT_OF_CHAIN = [...PRODUCTS];

/** The rates a line takes from its product's configuration: the same for every line of the product. */
type ProductRates = Pick<LineEconomics, 'fundingRate' | 'lgd' | 'ccfLoss' | 'capitalRate' | 'ccfCapital'>;

/**
 * Every line's economics (index 2i + product, 0 cash loan, 1 pay later) in typed arrays. As
 * objects, a million customers are two million objects of boxed doubles that every garbage
 * collection has to trace; here they are six flat arrays. `at` gives one line back as an object,
 * `outcome` evaluates one without allocating.
 */
export class LineTable {
  readonly current: Float64Array;
  readonly drawn: Float64Array;
  readonly kappa: Float64Array;
  readonly amplitude: Float64Array;
  readonly revenueRate: Float64Array;
  readonly pd: Float64Array;
  private readonly rates: ProductRates[] = [];
  private readonly scratch: MutableLineEconomics;

  constructor(length: number) {
    this.current = new Float64Array(length);
    this.drawn = new Float64Array(length);
    this.kappa = new Float64Array(length);
    this.amplitude = new Float64Array(length);
    this.revenueRate = new Float64Array(length);
    this.pd = new Float64Array(length);
    const zero = { current: 0, drawn: 0, kappa: 0, amplitude: 0, revenueRate: 0, fundingRate: 0, pd: 0, lgd: 0, ccfLoss: 0, capitalRate: 0, ccfCapital: 0 };
    this.scratch = { product: PRODUCTS[0], ...zero };
  }

  set(j: number, le: LineEconomics): void {
    this.current[j] = le.current;
    this.drawn[j] = le.drawn;
    this.kappa[j] = le.kappa;
    this.amplitude[j] = le.amplitude;
    this.revenueRate[j] = le.revenueRate;
    this.pd[j] = le.pd;
    this.rates[j & 1] ??= { fundingRate: le.fundingRate, lgd: le.lgd, ccfLoss: le.ccfLoss, capitalRate: le.capitalRate, ccfCapital: le.ccfCapital };
  }

  /** Loss given default and behavioural CCF of product p (0 cash loan, 1 pay later). */
  lossRates(p: number): { lgd: number; ccfLoss: number } {
    const rates = this.rates[p]!;
    return { lgd: rates.lgd, ccfLoss: rates.ccfLoss };
  }

  at(j: number): LineEconomics {
    return this.load(j, {} as MutableLineEconomics);
  }

  /** The line's P&L at `limit`, written into `out`. */
  outcome(j: number, limit: number, out: LineOutcome): LineOutcome {
    return lineOutcome(this.load(j, this.scratch), limit, out);
  }

  private load(j: number, into: MutableLineEconomics): LineEconomics {
    const p = j & 1;
    into.product = PRODUCT_OF_CHAIN[p]!;
    into.current = this.current[j] as number;
    into.drawn = this.drawn[j] as number;
    into.kappa = this.kappa[j] as number;
    into.amplitude = this.amplitude[j] as number;
    into.revenueRate = this.revenueRate[j] as number;
    into.pd = this.pd[j] as number;
    const rates = this.rates[p]!;
    into.fundingRate = rates.fundingRate;
    into.lgd = rates.lgd;
    into.ccfLoss = rates.ccfLoss;
    into.capitalRate = rates.capitalRate;
    into.ccfCapital = rates.ccfCapital;
    return into;
  }
}
