import { useId, useState, type SubmitEvent } from 'react';
import { usePlotGeometry } from './usePlotGeometry';
import { MAX_OWN_POINTS } from './points';

interface PointFormProps {
  readonly full: boolean;
  readonly onAdd: (x: number, y: number) => void;
}

function inRange(value: number, range: readonly [number, number]): boolean {
  return Number.isFinite(value) && value >= range[0] && value <= range[1];
}

/** Typed coordinates for a new point: the keyboard's way of clicking on the plot. */
export function PointForm({ full, onAdd }: PointFormProps) {
  const id = useId();
  const [x, setX] = useState('');
  const [y, setY] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { xRange: X_RANGE, yRange: Y_RANGE } = usePlotGeometry();

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const valueX = x.trim() === '' ? NaN : Number(x);
    const valueY = y.trim() === '' ? NaN : Number(y);
    if (!inRange(valueX, X_RANGE) || !inRange(valueY, Y_RANGE)) {
      setProblem(
        `Enter x from ${X_RANGE[0]} to ${X_RANGE[1]} and y from ${Y_RANGE[0]} to ${Y_RANGE[1]}.`,
      );
      return;
    }
    setProblem(null);
    onAdd(valueX, valueY);
  };

  return (
    <form className="fnv-form" onSubmit={submit} aria-label="Add a point">
      <div className="fnv-form-field">
        <label htmlFor={`${id}x`}>Point x</label>
        <input
          id={`${id}x`}
          type="number"
          inputMode="decimal"
          min={X_RANGE[0]}
          max={X_RANGE[1]}
          step="any"
          value={x}
          onChange={(event) => {
            setX(event.target.value);
          }}
        />
      </div>
      <div className="fnv-form-field">
        <label htmlFor={`${id}y`}>Point y</label>
        <input
          id={`${id}y`}
          type="number"
          inputMode="decimal"
          min={Y_RANGE[0]}
          max={Y_RANGE[1]}
          step="any"
          value={y}
          onChange={(event) => {
            setY(event.target.value);
          }}
        />
      </div>
      <button type="submit" className="button" disabled={full}>
        Add point
      </button>
      {full && <p className="fnv-form-note">At most {MAX_OWN_POINTS} points.</p>}
      {problem !== null && (
        <p className="fnv-form-note fnv-form-problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
