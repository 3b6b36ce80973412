/** What the watched views show: the function view's fits, and the learner's insights. */
import { hasInnerLoop, learnerLabel } from '../core/learners/registry';
import type { ViewKind } from './viewFeed';

/** The support points and grid the function view asked about. */
export interface PreviewParams {
  readonly supportX: Float32Array;
  readonly supportY: Float32Array;
  readonly gridX: Float32Array;
}

const NO_FUNCTION_VIEW = 'This run has no function view: its tasks are images, not functions.';

export const PREVIEW_VIEW: ViewKind<PreviewParams> = {
  refusal: (trainer) => (trainer.canFit ? null : NO_FUNCTION_VIEW),
  picture: async (trainer, params, runId, requestId) => {
    const iteration = trainer.iteration;
    const { learner, pretrained } = await trainer.fit(params);
    return {
      event: { type: 'preview', runId, requestId, iteration, learner, pretrained },
      transfer: [...learner, ...pretrained].map((curve) => curve.buffer as ArrayBuffer),
    };
  },
};

export const INSIGHTS_VIEW: ViewKind<null> = {
  refusal: () => null,
  picture: async (trainer, _params, runId, requestId) => ({
    event: { type: 'insights', runId, requestId, insights: await trainer.insights() },
    transfer: [],
  }),
};

/**
 * What the one-iteration view asked to see: the grid to draw fits on (regression; a
 * classification picture shows images instead), and how many tasks.
 */
export interface IterationParams {
  readonly gridX: Float32Array;
  readonly tasks: number;
}

const NO_ITERATION_VIEW = 'This run has no iteration to step through.';

export const ITERATION_VIEW: ViewKind<IterationParams> = {
  refusal: (trainer) => {
    if (!hasInnerLoop(trainer.lead.model.config.algorithm)) {
      return `${learnerLabel(trainer.lead.model.config)} has no inner loop to step through.`;
    }
    return trainer.canShowIteration ? null : NO_ITERATION_VIEW;
  },
  picture: async (trainer, params, runId, requestId) => {
    const picture = await trainer.iterationPicture(params.gridX, params.tasks);
    return { event: { type: 'iteration', runId, requestId, picture }, transfer: [] };
  },
};
