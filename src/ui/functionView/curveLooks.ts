/**
 * How each curve of the function view is drawn, shared by the chart and its legend: the models'
 * colours and dashes come from the charts' palette, the true function is a grey dotted line.
 */
import { MODEL_STYLES } from '../charts/palette';

export type CurveKey = 'truth' | 'learner' | 'pretrained';

export interface CurveLook {
  /** A CSS colour that follows the theme. */
  readonly color: string;
  /** SVG stroke-dasharray; undefined for a solid line. */
  readonly dash: string | undefined;
  readonly width: number;
  /** Round caps turn a dash pattern of near-zero dashes into dots. */
  readonly cap: 'round' | 'butt';
}

export const CURVE_LOOKS: Readonly<Record<CurveKey, CurveLook>> = {
  truth: { color: 'var(--fnv-truth)', dash: '0.5 6', width: 2.5, cap: 'round' },
  learner: {
    color: MODEL_STYLES.learner.color,
    dash: MODEL_STYLES.learner.dash,
    width: 3,
    cap: 'butt',
  },
  pretrained: {
    color: MODEL_STYLES.pretrained.color,
    dash: MODEL_STYLES.pretrained.dash,
    width: 3,
    cap: 'butt',
  },
};
