import { memo, useState, type RefObject } from 'react';
import type { ChartTableSource } from './chartTable';
import { chartCsv } from './csv';
import { downloadBlob } from './download';
import { exportFileName } from './fileName';
import { svgToPng } from './pngImage';
import { standaloneSvg } from './standaloneSvg';
import './chartExport.css';

type Format = 'PNG' | 'SVG' | 'CSV';
const FORMATS: readonly Format[] = ['PNG', 'SVG', 'CSV'];
const EXTENSION = { PNG: 'png', SVG: 'svg', CSV: 'csv' } as const satisfies Record<Format, string>;

interface ChartExportButtonsProps {
  /** The chart's visible title: it names the buttons and the files. */
  readonly title: string;
  /** The figure around the chart, searched for its drawing when an image is asked for. */
  readonly figure: RefObject<HTMLElement | null>;
  readonly table: RefObject<ChartTableSource | null>;
}

/** The chart's drawing, or null while it shows no chart. */
function drawingIn(figure: HTMLElement | null): SVGSVGElement | null {
  return figure?.querySelector<SVGSVGElement>('svg.recharts-surface') ?? null;
}

/** Builds the file in `format` from what the chart shows now; null when it shows nothing. */
async function exportedFile(
  format: Format,
  title: string,
  figure: HTMLElement | null,
  table: ChartTableSource | null,
): Promise<Blob | null> {
  if (format === 'CSV') {
    const drawn = table?.() ?? null;
    return drawn === null ? null : new Blob([chartCsv(drawn)], { type: 'text/csv;charset=utf-8' });
  }
  const drawing = drawingIn(figure);
  if (drawing === null) return null;
  const svg = standaloneSvg(drawing, title);
  if (format === 'SVG') return new Blob([svg.markup], { type: 'image/svg+xml' });
  return svgToPng(svg.markup, svg.frame.width, svg.frame.height);
}

/**
 * Small buttons beside a chart's title that download it as a PNG (twice its size on screen), an
 * SVG or a CSV of the data drawn. Every file is built only when its button is pressed, and the
 * buttons do not redraw with the chart (their props are the title and two stable refs).
 */
export const ChartExportButtons = memo(function ChartExportButtons({
  title,
  figure,
  table,
}: ChartExportButtonsProps) {
  const [problem, setProblem] = useState('');
  const save = (format: Format) => {
    setProblem('');
    exportedFile(format, title, figure.current, table.current)
      .then((blob) => {
        if (blob === null) setProblem('Nothing is drawn yet.');
        else downloadBlob(blob, exportFileName(title, EXTENSION[format]));
      })
      .catch((error: unknown) => {
        setProblem(error instanceof Error ? error.message : String(error));
      });
  };
  return (
    <div className="chart-export" role="group" aria-label={`Download ${title}`}>
      {FORMATS.map((format) => (
        <button
          key={format}
          type="button"
          className="chart-export-button"
          aria-label={`Download ${format} of ${title}`}
          title={`Download ${format} of ${title}`}
          onClick={() => {
            save(format);
          }}
        >
          {format}
        </button>
      ))}
      <span className="chart-export-problem" aria-live="polite">
        {problem}
      </span>
    </div>
  );
});
