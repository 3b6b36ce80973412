import { useEffect, useRef } from 'react';

interface GlyphCanvasProps {
  /** size * size ink values, row-major, 0 (paper) to 1 (ink). */
  readonly ink: Float32Array;
  readonly size: number;
  /** What a screen reader hears. */
  readonly label: string;
  readonly className?: string;
}

/**
 * One image as the learner sees it, at its own resolution and scaled up by CSS with crisp pixels:
 * dark ink on light paper in either theme, as the characters were drawn.
 */
export function GlyphCanvas({ ink, size, label, className }: GlyphCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(size, size);
    for (let i = 0; i < size * size; i += 1) {
      const value = ink[i] ?? 0;
      // Paper at 250 rather than pure white is gentler beside a dark page.
      const grey = Math.round(250 - 235 * Math.min(1, Math.max(0, value)));
      image.data[4 * i] = grey;
      image.data[4 * i + 1] = grey;
      image.data[4 * i + 2] = grey;
      image.data[4 * i + 3] = 255;
    }
    context.putImageData(image, 0, 0);
  }, [ink, size]);
  return (
    <canvas
      ref={ref}
      className={`glyph${className === undefined ? '' : ` ${className}`}`}
      width={size}
      height={size}
      role="img"
      aria-label={label}
    />
  );
}
