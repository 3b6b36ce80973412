/**
 * What a task family is to the rest of the playground. Everything about one family lives in its
 * folder (core/families/<id>/): its description, the settings it reads, how tasks are drawn, the
 * network that reads them and how the page draws one. Sessions, the settings table, relevance,
 * the cost model and the page ask these questions of the registry instead of testing an id.
 */
import type { ExperimentConfig, SettingKey } from '../config/schema';
import type { ClassSources } from '../classification/types';
import type { DatasetLibrary } from '../datasets/library';
import type { Rng } from '../random/rng';
import type { RegressionBatch } from '../tasks/regressionBatch';

/** Which learner engines serve a family: regression (points) or classification (images). */
export type TaskKind = 'regression' | 'classification';

/** Fixes one setting a family cannot serve as given, saying why (see checkCombinations). */
export type SettingChange = <K extends keyof ExperimentConfig>(
  key: K,
  value: ExperimentConfig[K],
  allowed: string,
  issue: string,
) => void;

interface FamilyBase<Id extends string> {
  /** The id links and results use (`task=<id>`), the folder's name. */
  readonly id: Id;
  /** What it is called on the page, e.g. 'Sine waves'. */
  readonly name: string;
  /** What it asks, in a few words after its id, for the settings table. */
  readonly hint: string;
  /** The settings it reads beyond those every run reads: the page shows only those. */
  readonly reads: readonly SettingKey[];
  /**
   * Inner learning rates above `safe` are blamed first when a run diverges; `paper` is the rate
   * the MAML paper used on such tasks.
   */
  readonly innerLr: { readonly safe: number; readonly paper: number };
  /**
   * Puts right settings it cannot serve together (the data has too few drawings, say): `current`
   * gives the settings with every change so far.
   */
  readonly fixSettings?: (current: () => ExperimentConfig, change: SettingChange) => void;
}

/** A rectangle of the (x, y) plane. */
export interface PlotWindow {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

export interface RegressionFamily<Id extends string = string> extends FamilyBase<Id> {
  readonly kind: 'regression';
  /** How the page draws a task: as a function of one input, with its points. */
  readonly view: 'function';
  /** Numbers per input point: the network's input width. */
  readonly inputs: number;
  /** The function view's window: the inputs tasks are drawn from and room for their outputs. */
  readonly window: PlotWindow;
  /** A meta-batch of tasks with their support and query points. */
  sampleBatch(rng: Rng, tasks: number, support: number, query: number): RegressionBatch;
  /** One task up close, for the function view: the next one of `rng`'s stream. */
  drawTask(rng: Rng, shots: number): ShownTask;
}

/** A task the function view draws: its support points, its true function, and its formula. */
export interface ShownTask {
  readonly supportX: Float32Array;
  readonly supportY: Float32Array;
  readonly truth: (x: number) => number;
  /** How a reader would write it, e.g. 'y = 2.10 sin(x − 0.52)'. */
  readonly formula: string;
}

export interface ClassificationFamily<Id extends string = string> extends FamilyBase<Id> {
  readonly kind: 'classification';
  /** How the page draws a task: its support and query images with their labels. */
  readonly view: 'images';
  /** What one class is called in the views ('glyph', 'character'). */
  readonly className: string;
  /** Its images come from files the user chooses (the page asks for them before a run). */
  readonly userData: boolean;
  /**
   * A family of the same tensor shapes that a backend measurement may time instead, when this
   * one's data cannot be had by a throwaway measurement, with the reason.
   */
  readonly timedAs?: { readonly task: string; readonly note: string };
  /** The meta-training and held-out class pools of a run; throws a DataError without its data. */
  classSources(config: ExperimentConfig, library: DatasetLibrary | null): ClassSources;
}

export type TaskFamilyDefinition<Id extends string = string> =
  RegressionFamily<Id> | ClassificationFamily<Id>;
