/**
 * What a model predicts along a grid of inputs for one task, before and after each fine-tuning step
 * on that task's support points: the curves the function view draws, for any points a user places.
 */
import { tf } from '../tfjs/tf';
import type { Activation, MlpParams } from '../model/mlp';
import {
  descend,
  forwardPerTask,
  gradientsPerTask,
  hiddenFeatures,
  plainSgd,
  splitByRule,
  startFor,
  type InnerRule,
} from './perTaskAdaptation';

export interface PreviewRequest {
  readonly supportX: Float32Array;
  readonly supportY: Float32Array;
  readonly gridX: Float32Array;
  readonly steps: number;
  readonly learningRate: number;
  readonly activation: Activation;
  /** The learner's own inner step (Meta-SGD's rates, ANIL's head only); plain SGD if absent. */
  readonly rule?: InnerRule;
}

/** Predictions on the grid after 0, 1, ..., steps inner steps: result[step][gridPoint]. */
export async function adaptedPredictions(
  params: MlpParams,
  request: PreviewRequest,
): Promise<Float32Array[]> {
  const { supportX, supportY, gridX, steps } = request;
  const stacked = tf.tidy(() => {
    const column = (values: Float32Array): tf.Tensor3D =>
      tf.tensor3d(values, [1, values.length, 1]);
    const x = column(supportX);
    const y = column(supportY);
    const grid = column(gridX);
    const rule = request.rule ?? plainSgd(request.learningRate);
    const { fixed, adapted, rates } = splitByRule(startFor(params, 1, rule), rule);
    // With no support points there is nothing to fit: the curve stays the initial one.
    const features = supportX.length > 0 ? hiddenFeatures(fixed, x, request.activation) : null;
    const gridFeatures = hiddenFeatures(fixed, grid, request.activation);
    let current = adapted;
    const predict = (): tf.Tensor => {
      const acts = forwardPerTask(current, gridFeatures, request.activation);
      return tf.reshape(acts[acts.length - 1]!, [-1]);
    };
    const curves = [predict()];
    for (let s = 1; s <= steps; s++) {
      if (features) {
        const grads = gradientsPerTask(current, features, y, request.activation);
        current = descend(current, grads, rates(s - 1));
      }
      curves.push(predict());
    }
    return tf.stack(curves);
  });
  try {
    const values = (await stacked.data()) as Float32Array;
    return Array.from({ length: steps + 1 }, (_, s) =>
      values.slice(s * gridX.length, (s + 1) * gridX.length),
    );
  } finally {
    stacked.dispose();
  }
}
