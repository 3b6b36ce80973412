interface LegendProps {
  readonly showTruth: boolean;
  readonly pointCount: number;
  readonly step: number;
  /** The learner's name, e.g. "MAML". */
  readonly learner: string;
}

function Swatch({ kind }: { kind: 'truth' | 'maml' | 'pretrained' | 'point' }) {
  return (
    <svg className="fv-swatch" viewBox="0 0 36 12" aria-hidden="true">
      {kind === 'point' ? (
        <circle className="fv-point-dot" cx={18} cy={6} r={4.5} />
      ) : (
        <line className={`fv-curve fv-${kind}`} x1={2} x2={34} y1={6} y2={6} />
      )}
    </svg>
  );
}

const steps = (count: number) => `${count} step${count === 1 ? '' : 's'}`;

/** What each line and mark is; the line styles differ as well as the colours. */
export function Legend({ showTruth, pointCount, step, learner }: LegendProps) {
  return (
    <ul className="fv-legend" aria-label="Legend">
      {showTruth && (
        <li>
          <Swatch kind="truth" /> True function (dotted)
        </li>
      )}
      <li>
        <Swatch kind="point" /> Support points ({pointCount})
      </li>
      <li>
        <Swatch kind="maml" /> {learner} after {steps(step)} (solid)
      </li>
      <li>
        <Swatch kind="pretrained" /> Pretrained after {steps(step)} (dashed)
      </li>
    </ul>
  );
}
