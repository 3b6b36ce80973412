/** What the watched views show: the function view's fits, and the learner's insights. */
import type { Session } from '../core/session';
import { canPreview } from '../core/session/types';
import { CompareSession } from '../core/compare/compareSession';
import type { ViewKind } from './viewFeed';

/** The session a one-model view looks at: a comparison's first algorithm, else the session. */
export function leadSession(session: Session): Session {
  return session instanceof CompareSession ? session.sessions[0]! : session;
}

/** The support points and grid the function view asked about. */
export interface PreviewParams {
  readonly supportX: Float32Array;
  readonly supportY: Float32Array;
  readonly gridX: Float32Array;
}

const NO_FUNCTION_VIEW = 'This run has no function view: its tasks are images, not functions.';

export const PREVIEW_VIEW: ViewKind<PreviewParams> = {
  refusal: (session) => (canPreview(leadSession(session)) ? null : NO_FUNCTION_VIEW),
  picture: async (session, params, runId, requestId) => {
    const lead = leadSession(session);
    if (!canPreview(lead)) throw new Error(NO_FUNCTION_VIEW);
    const iteration = session.iteration;
    const { maml, pretrained } = await lead.preview(params.supportX, params.supportY, params.gridX);
    return {
      event: { type: 'preview', runId, requestId, iteration, maml, pretrained },
      transfer: [...maml, ...pretrained].map((curve) => curve.buffer as ArrayBuffer),
    };
  },
};

export const INSIGHTS_VIEW: ViewKind<null> = {
  refusal: () => null,
  picture: async (session, _params, runId, requestId) => ({
    event: { type: 'insights', runId, requestId, insights: await session.insights() },
    transfer: [],
  }),
};
