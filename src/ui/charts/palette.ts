/**
 * One look per model, used by every chart and legend: colours from the Okabe-Ito palette (safe for
 * the common kinds of colour blindness), defined per theme in styles.css, plus a dash pattern and a
 * marker so the series stay apart in greyscale too.
 */
import type { AlgorithmId } from '../../core/algorithms/registry';

export type ModelKey = 'maml' | 'pretrained' | 'scratch';

export type MarkerShape = 'circle' | 'square' | 'diamond' | 'triangle';

export interface ModelStyle {
  readonly label: string;
  /** The label inside a sentence. */
  readonly name: string;
  /** A CSS colour that follows the theme. */
  readonly color: string;
  /** SVG stroke-dasharray; undefined for a solid line. */
  readonly dash: string | undefined;
  readonly marker: MarkerShape;
}

/** A series' look: a model's style, or an algorithm's (which may draw its markers hollow). */
export type SeriesStyle = Pick<ModelStyle, 'color' | 'dash' | 'marker'> & {
  readonly hollow?: boolean;
};

export const MODEL_STYLES: Readonly<Record<ModelKey, ModelStyle>> = {
  maml: {
    label: 'MAML',
    name: 'MAML',
    color: 'var(--model-maml)',
    dash: undefined,
    marker: 'circle',
  },
  pretrained: {
    label: 'Pretrained',
    name: 'pretrained',
    color: 'var(--model-pretrained)',
    dash: '7 4',
    marker: 'square',
  },
  scratch: {
    label: 'Scratch',
    name: 'scratch',
    color: 'var(--model-scratch)',
    dash: '2 3',
    marker: 'diamond',
  },
};

export const MODEL_ORDER: readonly ModelKey[] = ['maml', 'pretrained', 'scratch'];

/**
 * Each algorithm's look in the comparison charts, fixed per algorithm so it is the same on every
 * chart and every run. Hues are Okabe-Ito's, as above (MAML keeps the learner's blue; orange and
 * green stay the baselines'), with a grey for the last; each also has its own dash pattern and
 * marker, since six algorithms and two baselines are more series than hues can tell apart alone.
 * Prototypical networks and multi-task learning never meet (images against sine waves), so they
 * share a look.
 */
export const ALGORITHM_STYLES: Readonly<Record<AlgorithmId, AlgorithmStyle>> = {
  maml: { color: 'var(--model-maml)', dash: undefined, marker: 'circle', hollow: false },
  fomaml: { color: 'var(--algo-fomaml)', dash: '8 3', marker: 'circle', hollow: true },
  reptile: { color: 'var(--algo-reptile)', dash: '10 3 2 3', marker: 'square', hollow: true },
  metasgd: { color: 'var(--algo-metasgd)', dash: '4 2', marker: 'diamond', hollow: true },
  anil: { color: 'var(--algo-anil)', dash: '14 4', marker: 'triangle', hollow: false },
  protonet: { color: 'var(--algo-other)', dash: '6 2 1 2', marker: 'triangle', hollow: true },
  multitask: { color: 'var(--algo-other)', dash: '6 2 1 2', marker: 'triangle', hollow: true },
};

export interface AlgorithmStyle {
  readonly color: string;
  readonly dash: string | undefined;
  readonly marker: MarkerShape;
  /** Drawn as an outline, to tell it from a filled marker of the same shape. */
  readonly hollow: boolean;
}
