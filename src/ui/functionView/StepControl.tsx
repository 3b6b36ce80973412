import { useEffect, useId, useState } from 'react';

interface StepControlProps {
  readonly step: number;
  readonly maxStep: number;
  readonly onChange: (step: number) => void;
}

const PLAY_INTERVAL_MS = 400;

/**
 * The "Inner steps" slider, which picks the fine-tuning step shown, and a button that plays the
 * steps from 0 to the last.
 */
export function StepControl({ step, maxStep, onChange }: StepControlProps) {
  const id = useId();
  const [playing, setPlaying] = useState(false);

  useEffect(() => {
    if (!playing) return;
    let next = 0;
    onChange(next);
    const timer = setInterval(() => {
      next += 1;
      onChange(Math.min(next, maxStep));
      if (next >= maxStep) setPlaying(false);
    }, PLAY_INTERVAL_MS);
    return () => {
      clearInterval(timer);
    };
  }, [playing, maxStep, onChange]);

  return (
    <div className="fnv-steps">
      <label htmlFor={id}>Inner steps</label>
      <input
        id={id}
        type="range"
        min={0}
        max={maxStep}
        step={1}
        value={step}
        disabled={maxStep === 0}
        aria-valuetext={`${step} of ${maxStep} steps`}
        onChange={(event) => {
          setPlaying(false);
          onChange(Number(event.target.value));
        }}
      />
      <output htmlFor={id} className="fnv-steps-value">
        {step} / {maxStep}
      </output>
      <button
        type="button"
        className="button"
        disabled={maxStep === 0}
        onClick={() => {
          setPlaying((now) => !now);
        }}
      >
        {playing ? 'Stop' : 'Play steps'}
      </button>
    </div>
  );
}
