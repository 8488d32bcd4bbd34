export interface LogisticFit {
  intercept: number;
  coefficients: number[];
  iterations: number;
  /** Penalised negative log-likelihood at the solution. */
  loss: number;
}

export interface LogisticOptions {
  /** L2 penalty on the coefficients (not the intercept): loss + l2/2 * |beta|^2. */
  l2: number;
  maxIterations?: number;
  tolerance?: number;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Solves A x = b for a symmetric positive definite A (row-major, d x d) by Cholesky. */
export function solveSpd(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * d + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * d + k] as number) * (l[j * d + k] as number);
      if (i === j) {
        if (sum <= 0) throw new Error('matrix is not positive definite');
        l[i * d + i] = Math.sqrt(sum);
      } else {
        l[i * d + j] = sum / (l[j * d + j] as number);
      }
    }
  }
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (l[i * d + k] as number) * (y[k] as number);
    y[i] = sum / (l[i * d + i] as number);
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < d; k++) sum -= (l[k * d + i] as number) * (x[k] as number);
    x[i] = sum / (l[i * d + i] as number);
  }
  return x;
}

/**
 * L2-regularised logistic regression by Newton's method (IRLS) with step halving; exact
 * arithmetic order makes it deterministic. `columns[j][i]` is feature j of row i.
 */
export function fitLogistic(columns: ReadonlyArray<Float64Array>, labels: Uint8Array, options: LogisticOptions): LogisticFit {
  const n = labels.length;
  const p = columns.length;
  const d = p + 1;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  const beta = new Float64Array(d);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] as number;
  const base = Math.min(Math.max(positives / n, 1e-6), 1 - 1e-6);
  beta[0] = Math.log(base / (1 - base));

  const feature = (j: number, i: number) => (j === 0 ? 1 : ((columns[j - 1] as Float64Array)[i] as number));
  const linear = (b: Float64Array, i: number) => {
    let z = b[0] as number;
    for (let j = 1; j < d; j++) z += (b[j] as number) * ((columns[j - 1] as Float64Array)[i] as number);
    return z;
  };
  const lossAt = (b: Float64Array) => {
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const z = linear(b, i);
      loss += softplus(z) - (labels[i] as number) * z;
    }
    for (let j = 1; j < d; j++) loss += 0.5 * options.l2 * (b[j] as number) ** 2;
    return loss;
  };

  let loss = lossAt(beta);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const gradient = new Float64Array(d);
    const hessian = new Float64Array(d * d);
    const x = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) x[j] = feature(j, i);
      const mu = sigmoid(linear(beta, i));
      const residual = mu - (labels[i] as number);
      const weight = Math.max(mu * (1 - mu), 1e-12);
      for (let j = 0; j < d; j++) {
        const xj = x[j] as number;
        gradient[j] = (gradient[j] as number) + residual * xj;
        const wx = weight * xj;
        for (let k = 0; k <= j; k++) hessian[j * d + k] = (hessian[j * d + k] as number) + wx * (x[k] as number);
      }
    }
    for (let j = 0; j < d; j++) {
      for (let k = 0; k < j; k++) hessian[k * d + j] = hessian[j * d + k] as number;
      if (j > 0) {
        gradient[j] = (gradient[j] as number) + options.l2 * (beta[j] as number);
        hessian[j * d + j] = (hessian[j * d + j] as number) + options.l2;
      }
      hessian[j * d + j] = (hessian[j * d + j] as number) + 1e-9;
    }
    const step = solveSpd(hessian, gradient, d);
    let scale = 1;
    let candidate = new Float64Array(d);
    let candidateLoss = Infinity;
    for (let halving = 0; halving < 30; halving++) {
      for (let j = 0; j < d; j++) candidate[j] = (beta[j] as number) - scale * (step[j] as number);
      candidateLoss = lossAt(candidate);
      if (candidateLoss <= loss + 1e-12) break;
      scale /= 2;
    }
    if (!(candidateLoss <= loss + 1e-12)) break;
    let change = 0;
    for (let j = 0; j < d; j++) change = Math.max(change, Math.abs((candidate[j] as number) - (beta[j] as number)));
    beta.set(candidate);
    candidate = new Float64Array(d);
    loss = candidateLoss;
    if (change < tolerance) {
      iterations++;
      break;
    }
  }
  return { intercept: beta[0] as number, coefficients: Array.from(beta.subarray(1)), iterations, loss };
}

export function predictLogit(fit: LogisticFit, features: ArrayLike<number>): number {
  let z = fit.intercept;
  fit.coefficients.forEach((c, j) => (z += c * (features[j] as number)));
  return z;
}
