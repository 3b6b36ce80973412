/**
 * Published error rates on the same 20 one-shot runs, for context: how often people, and a
 * well-known network, pick the wrong one of 20 new characters after seeing one example of each.
 */
export interface PublishedResult {
  readonly who: string;
  readonly source: string;
  /** 0..1 */
  readonly errorRate: number;
}

export const PUBLISHED_ONE_SHOT: readonly PublishedResult[] = [
  { who: 'People', source: 'Lake et al. 2015', errorRate: 0.045 },
  { who: 'Siamese convolutional network', source: 'Koch et al. 2015', errorRate: 0.08 },
];
