/**
 * One look per model, used by every chart and legend: colours from the Okabe-Ito palette (safe for
 * the common kinds of colour blindness), defined per theme in styles.css, plus a dash pattern and a
 * marker so the series stay apart in greyscale too.
 */
import { ALGORITHM_IDS, type AlgorithmId } from '../../core/learners/registry';

/** The page's three models: the run's (first) learner, whatever its algorithm, and the baselines. */
export type ModelKey = 'learner' | 'pretrained' | 'scratch';

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
  learner: {
    label: 'MAML',
    name: 'MAML',
    color: 'var(--model-learner)',
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

export const MODEL_ORDER: readonly ModelKey[] = ['learner', 'pretrained', 'scratch'];

/**
 * The looks of compared learners, taken in the registry's order, so each learner keeps its look on
 * every chart and every run. Hues are Okabe-Ito's, as above (the first, MAML, keeps the learner's
 * blue; orange and green stay the baselines'), then grey; each look also has its own dash pattern
 * and marker, since more series than hues can tell apart alone share a chart.
 */
const COMPARED_LOOKS: readonly AlgorithmStyle[] = [
  { color: 'var(--model-learner)', dash: undefined, marker: 'circle', hollow: false },
  { color: 'var(--algo-fomaml)', dash: '8 3', marker: 'circle', hollow: true },
  { color: 'var(--algo-reptile)', dash: '10 3 2 3', marker: 'square', hollow: true },
  { color: 'var(--algo-metasgd)', dash: '4 2', marker: 'diamond', hollow: true },
  { color: 'var(--algo-anil)', dash: '14 4', marker: 'triangle', hollow: false },
  { color: 'var(--algo-other)', dash: '6 2 1 2', marker: 'triangle', hollow: true },
  { color: 'var(--algo-other)', dash: '2 2', marker: 'square', hollow: false },
  { color: 'var(--algo-other)', dash: '12 3 3 3', marker: 'diamond', hollow: false },
];

/** A compared learner's look: fixed by its place in the registry. */
export function algorithmStyle(id: AlgorithmId): AlgorithmStyle {
  const place = ALGORITHM_IDS.indexOf(id);
  return COMPARED_LOOKS[place % COMPARED_LOOKS.length]!;
}

export interface AlgorithmStyle {
  readonly color: string;
  readonly dash: string | undefined;
  readonly marker: MarkerShape;
  /** Drawn as an outline, to tell it from a filled marker of the same shape. */
  readonly hollow: boolean;
}
