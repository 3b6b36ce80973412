/**
 * One look per model, used by every chart and legend: colours from the Okabe-Ito palette (safe for
 * the common kinds of colour blindness), defined per theme in styles.css, plus a dash pattern and a
 * marker so the series stay apart in greyscale too.
 */
export type ModelKey = 'maml' | 'pretrained' | 'scratch';

export interface ModelStyle {
  readonly label: string;
  /** The label inside a sentence. */
  readonly name: string;
  /** A CSS colour that follows the theme. */
  readonly color: string;
  /** SVG stroke-dasharray; undefined for a solid line. */
  readonly dash: string | undefined;
  readonly marker: 'circle' | 'square' | 'diamond';
}

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
