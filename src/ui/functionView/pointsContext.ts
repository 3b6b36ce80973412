/**
 * The support points reach the chart's point layer through context rather than props, so that
 * moving a point re-renders the layer (and that point) without re-rendering the chart's lines.
 */
import { createContext } from 'react';
import type { SupportPoint } from './points';

export interface PointEditing {
  readonly add: (x: number, y: number) => void;
  readonly move: (id: number, x: number, y: number) => void;
  readonly remove: (id: number) => void;
}

export interface PointsState {
  readonly points: readonly SupportPoint[];
  /** Set when the user may place, drag and remove points. */
  readonly editing: PointEditing | null;
  /** The id of the text that tells how the keyboard moves and removes a point. */
  readonly hintId: string;
}

export const PointsContext = createContext<PointsState | null>(null);
