import { useCallback, useId, useRef, type CSSProperties, type ReactNode } from 'react';
import { ChartLegend, type LegendItem } from './ChartLegend';
import type { ChartTableSource } from './export/chartTable';
import { ChartExportButtons } from './export/ChartExportButtons';
import { ChartTableSlot, useExportTable, useTableSlot } from './export/tableSlot';
import { PLOT_HEIGHT } from './kit/chartStyle';
import { useElementSize } from './useElementSize';
import './charts.css';

export type { LegendItem } from './ChartLegend';

interface ChartFigureProps {
  /** Names the chart for tests and styles, e.g. "loss". */
  readonly name: string;
  readonly titleId: string;
  readonly title: string;
  /** Choices about what the chart draws, shown beside the title. */
  readonly controls?: ReactNode;
  /** Set: the figure is exactly this tall and its drawing takes what the text leaves. */
  readonly fillHeight?: number | undefined;
  readonly children: ReactNode;
}

/** The figure around a chart, with its heading and controls. */
export function ChartFigure(props: ChartFigureProps) {
  const fill = props.fillHeight !== undefined;
  const style: CSSProperties | undefined = fill ? { height: props.fillHeight } : undefined;
  const figure = useRef<HTMLElement | null>(null);
  const table = useTableSlot();
  return (
    <figure
      ref={figure}
      className={fill ? 'chart chart-fill' : 'chart'}
      style={style}
      data-chart={props.name}
      aria-labelledby={props.titleId}
    >
      <div className="chart-head">
        <div className="chart-heading">
          <h3 id={props.titleId} className="chart-title">
            {props.title}
          </h3>
          <ChartExportButtons title={props.title} figure={figure} table={table.source} />
        </div>
        {props.controls}
      </div>
      <ChartTableSlot value={table.register}>{props.children}</ChartTableSlot>
    </figure>
  );
}

export interface ChartContentProps {
  readonly titleId: string;
  readonly subtitle?: ReactNode;
  readonly legend: readonly LegendItem[];
  /** One or two sentences that say what the chart shows now; read by screen readers. */
  readonly summary: string;
  /** Shown instead of the chart while there is nothing to draw. */
  readonly empty: string | null;
  /** Height of the drawing in CSS pixels, or 'fill': what the figure's other parts leave. */
  readonly height?: number | 'fill';
  /** Receives the drawing's element, e.g. for a live chart to know when it is in view. */
  readonly bodyRef?: (element: HTMLDivElement | null) => void;
  /** Builds the table of what is drawn, for its CSV download (only when one is asked for). */
  readonly table?: ChartTableSource | undefined;
  /** Draws the chart at the given size in CSS pixels. */
  readonly children: (width: number, height: number) => ReactNode;
}

/**
 * What every chart shows under its heading: a line on what is drawn, the legend, the drawing
 * (one image to assistive technology, described by the summary) and the text summary. The
 * drawing's size is measured once per layout change and handed to the chart explicitly.
 */
export function ChartContent(props: ChartContentProps) {
  const summaryId = useId();
  const measured = useRef<HTMLDivElement | null>(null);
  const size = useElementSize(measured);
  const { bodyRef } = props;
  useExportTable(props.table);
  const setBody = useCallback(
    (element: HTMLDivElement | null) => {
      measured.current = element;
      bodyRef?.(element);
    },
    [bodyRef],
  );
  const fill = props.height === 'fill';
  const height = fill ? size.height : (props.height ?? PLOT_HEIGHT);
  return (
    <>
      {props.subtitle !== undefined && <p className="chart-subtitle">{props.subtitle}</p>}
      <ChartLegend items={props.legend} />
      <div
        ref={setBody}
        className="chart-body"
        style={fill ? undefined : { height }}
        role="img"
        aria-labelledby={props.titleId}
        aria-describedby={summaryId}
      >
        {props.empty !== null ? (
          <p className="chart-empty">{props.empty}</p>
        ) : size.width > 0 && height > 0 ? (
          props.children(size.width, height)
        ) : null}
      </div>
      <figcaption id={summaryId} className="chart-summary">
        {props.summary}
      </figcaption>
    </>
  );
}

export interface ChartFrameProps extends Omit<ChartContentProps, 'titleId' | 'height'> {
  readonly name: string;
  readonly title: string;
  readonly controls?: ReactNode;
  /** Height of the drawing in CSS pixels (250 by default). */
  readonly height?: number | undefined;
}

/**
 * The frame every chart shares: a heading, a line on what is drawn, the legend, the chart itself
 * and the text summary below it.
 */
export function ChartFrame({ name, title, controls, ...content }: ChartFrameProps) {
  const titleId = useId();
  return (
    <ChartFigure name={name} titleId={titleId} title={title} controls={controls}>
      <ChartContent titleId={titleId} {...content} />
    </ChartFigure>
  );
}
