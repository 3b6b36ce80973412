/** The parameter-space view's pictures: a two-parameter run drawn on its (w, b) plane. */
import { hasParameterPlane, parameterPlane } from '../core/trainer/regression/parameterPlane';
import type { ViewKind } from './viewFeed';

const NO_PLANE =
  'This run has no parameter plane: only a linear model (one input, hidden= empty) has exactly two parameters.';

export const PARAM_SPACE_VIEW: ViewKind<null> = {
  refusal: (trainer) => (hasParameterPlane(trainer.config) ? null : NO_PLANE),
  picture: async (trainer, _params, runId, requestId) => ({
    event: { type: 'paramSpace', runId, requestId, plane: await parameterPlane(trainer) },
    transfer: [],
  }),
};
