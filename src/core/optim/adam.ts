/**
 * Adam (Kingma and Ba 2015) over plain Float32Arrays, the outer optimiser of every meta-learner here.
 *
 * Running it in JavaScript rather than as tensor ops keeps each meta-iteration to one download of the
 * gradients and one upload of the parameters, instead of about ten small kernels per parameter, and
 * its arithmetic (float64, rounded to float32 on store) is the same on every backend.
 */
export interface AdamOptions {
  readonly learningRate: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}

/** Plain data: the moment estimates and the step count. */
export interface AdamState {
  readonly firstMoment: readonly Float64Array[];
  readonly secondMoment: readonly Float64Array[];
  readonly steps: number;
}

export class Adam {
  private readonly firstMoment: Float64Array[];
  private readonly secondMoment: Float64Array[];
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private steps = 0;

  constructor(
    shapes: readonly Float32Array[],
    private readonly options: AdamOptions,
  ) {
    this.firstMoment = shapes.map((p) => new Float64Array(p.length));
    this.secondMoment = shapes.map((p) => new Float64Array(p.length));
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
  }

  /** A copy of the optimiser's state. */
  save(): AdamState {
    return {
      firstMoment: this.firstMoment.map((m) => m.slice()),
      secondMoment: this.secondMoment.map((v) => v.slice()),
      steps: this.steps,
    };
  }

  /** Continues from a saved state of an optimiser over parameters of the same shapes. */
  restore(state: AdamState): void {
    state.firstMoment.forEach((m, i) => {
      this.firstMoment[i]!.set(m);
    });
    state.secondMoment.forEach((v, i) => {
      this.secondMoment[i]!.set(v);
    });
    this.steps = state.steps;
  }

  /** Updates `params` in place, one gradient array per parameter array. */
  step(params: Float32Array[], grads: readonly ArrayLike<number>[]): void {
    this.steps += 1;
    const { beta1, beta2, epsilon } = this;
    const correction1 = 1 - beta1 ** this.steps;
    const correction2 = 1 - beta2 ** this.steps;
    const rate = this.options.learningRate;
    params.forEach((values, p) => {
      const grad = grads[p]!;
      const m = this.firstMoment[p]!;
      const v = this.secondMoment[p]!;
      for (let i = 0; i < values.length; i++) {
        const g = grad[i]!;
        m[i] = beta1 * m[i]! + (1 - beta1) * g;
        v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
        values[i] =
          values[i]! - (rate * (m[i]! / correction1)) / (Math.sqrt(v[i]! / correction2) + epsilon);
      }
    });
  }
}
