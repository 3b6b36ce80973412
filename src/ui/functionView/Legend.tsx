import { CURVE_LOOKS, type CurveKey } from './curveLooks';

interface LegendProps {
  readonly showTruth: boolean;
  readonly pointCount: number;
  readonly step: number;
  /** The learner's name, e.g. "MAML". */
  readonly learner: string;
  /** Leave out the words for the line styles, which the samples show anyway. */
  readonly terse?: boolean;
}

/** A short sample of a curve as the chart draws it. */
function CurveSwatch({ curve }: { curve: CurveKey }) {
  const look = CURVE_LOOKS[curve];
  return (
    <svg className="fnv-swatch" viewBox="0 0 36 12" aria-hidden="true">
      <line
        x1={2}
        x2={34}
        y1={6}
        y2={6}
        stroke={look.color}
        strokeDasharray={look.dash}
        strokeLinecap={look.cap}
        strokeWidth={look.width}
      />
    </svg>
  );
}

function PointSwatch() {
  return (
    <svg className="fnv-swatch" viewBox="0 0 36 12" aria-hidden="true">
      <circle className="fnv-point-dot" cx={18} cy={6} r={4.5} />
    </svg>
  );
}

const steps = (count: number) => `${count} step${count === 1 ? '' : 's'}`;

/** What each line and mark is; the line styles differ as well as the colours. */
export function Legend({ showTruth, pointCount, step, learner, terse = false }: LegendProps) {
  const inWords = (pattern: string) => (terse ? '' : ` (${pattern})`);
  return (
    <ul className="fnv-legend" aria-label="Legend">
      {showTruth && (
        <li>
          <CurveSwatch curve="truth" /> True function{inWords('dotted')}
        </li>
      )}
      <li>
        <PointSwatch /> Support points ({pointCount})
      </li>
      <li>
        <CurveSwatch curve="learner" /> {learner} after {steps(step)}
        {inWords('solid')}
      </li>
      <li>
        <CurveSwatch curve="pretrained" /> Pretrained after {steps(step)}
        {inWords('dashed')}
      </li>
    </ul>
  );
}
