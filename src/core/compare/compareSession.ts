/**
 * A comparison: several algorithms trained side by side on the same settings and seed, so they
 * see the same task stream and are scored on the same held-out tasks. One iteration of the
 * comparison is one meta-iteration of every algorithm still running.
 *
 * Each algorithm is an ordinary session. A step either completes for every algorithm or leaves
 * them all where they were: when one throws half way (a lost GPU), the ones already stepped are
 * put back from the snapshots taken just before, so the run can continue elsewhere exactly.
 */
import { algorithmsOf, configFor, type AlgorithmId } from '../learners/registry';
import type { ExperimentConfig } from '../config';
import type {
  BeforeChunk,
  ComparedCurve,
  Divergence,
  Evaluation,
  Insights,
  Session,
  SessionSnapshot,
  StepMetrics,
  StepResult,
} from '../session/types';

/** Builds one algorithm's session from its own config, or from its snapshot. */
export interface PartFactory {
  create(config: ExperimentConfig): Session;
  restore(snapshot: SessionSnapshot): Session;
}

interface Part {
  readonly algorithm: AlgorithmId;
  session: Session;
  /** Wall time of the steps this part took in this process, and how many. */
  milliseconds: number;
  steps: number;
  lastMetrics: StepMetrics | null;
}

/** Wall clock in milliseconds; Date is in every runtime the core runs in (worker and Node). */
const now = (): number => Date.now();

export class CompareSession implements Session {
  readonly config: ExperimentConfig;
  private readonly parts: Part[];
  private readonly factory: PartFactory;

  constructor(
    config: ExperimentConfig,
    factory: PartFactory,
    snapshots?: readonly SessionSnapshot[],
  ) {
    this.config = config;
    this.factory = factory;
    this.parts = algorithmsOf(config).map((algorithm, i) => ({
      algorithm,
      session: snapshots
        ? factory.restore(snapshots[i]!)
        : factory.create(configFor(config, algorithm)),
      milliseconds: 0,
      steps: 0,
      lastMetrics: null,
    }));
  }

  /** Continues a comparison from its snapshot. */
  static restore(snapshot: SessionSnapshot, factory: PartFactory): CompareSession {
    return new CompareSession(snapshot.config, factory, snapshot.parts ?? []);
  }

  private get running(): Part[] {
    return this.parts.filter((part) => part.session.divergence === null);
  }

  /** Iterations every running algorithm has completed. */
  get iteration(): number {
    const running = this.running;
    const parts = running.length > 0 ? running : this.parts;
    return Math.max(...parts.map((part) => part.session.iteration));
  }

  /** Set only when every algorithm has stopped; one that diverges alone is reported per curve. */
  get divergence(): Divergence | null {
    if (this.running.length > 0) return null;
    const iteration = Math.max(...this.parts.map((p) => p.session.divergence!.iteration));
    const message = this.parts
      .map((part) => `${part.algorithm}: ${part.session.divergence!.message}`)
      .join(' ');
    return { iteration, message };
  }

  /** The first compared algorithm's parameters (the one shown as the learner). */
  get parameters(): readonly Float32Array[] {
    return this.parts[0]!.session.parameters;
  }

  async step(): Promise<StepResult> {
    const target = this.iteration + 1;
    const stepped: { part: Part; before: SessionSnapshot }[] = [];
    try {
      for (const part of this.running) {
        const before = part.session.snapshot();
        const started = now();
        const result = await part.session.step();
        stepped.push({ part, before });
        if (result.ok) {
          part.milliseconds += now() - started;
          part.steps += 1;
          part.lastMetrics = result.metrics;
        }
      }
    } catch (error) {
      for (const { part, before } of stepped) part.session = this.factory.restore(before);
      throw error;
    }
    const divergence = this.divergence;
    if (divergence) return { ok: false, divergence };
    return { ok: true, metrics: this.metrics(target) };
  }

  /** The first running algorithm's numbers, with every algorithm's loss beside them. */
  private metrics(iteration: number): StepMetrics {
    const fresh = (part: Part): StepMetrics | null =>
      part.lastMetrics?.iteration === iteration ? part.lastMetrics : null;
    const comparedLoss = this.parts.map((part) => fresh(part)?.metaTrainLoss ?? NaN);
    const lead = fresh(this.parts[0]!);
    if (lead) return { ...lead, comparedLoss };
    const pretrained = this.parts.map(fresh).find((m) => m !== null);
    return {
      iteration,
      metaTrainLoss: NaN,
      taskLossBefore: new Float32Array(0),
      taskLossAfter: new Float32Array(0),
      pretrainedLoss: pretrained?.pretrainedLoss ?? NaN,
      metaTrainAccuracy: NaN,
      pretrainedAccuracy: pretrained?.pretrainedAccuracy ?? NaN,
      comparedLoss,
    };
  }

  /**
   * Every algorithm on the same held-out tasks. The baselines come from the first algorithm's
   * session: every part trains them identically (same seed, same task stream).
   */
  async evaluate(tasks?: number, beforeChunk?: BeforeChunk): Promise<Evaluation> {
    // Every algorithm as it stands now (restoring a snapshot is exact): training may go on
    // between the chunks, and the algorithms must be compared at the same moment.
    const frozen = this.parts.map((part) => this.factory.restore(part.session.snapshot()));
    const evaluations: Evaluation[] = [];
    for (const session of frozen) evaluations.push(await session.evaluate(tasks, beforeChunk));
    const compared = this.parts.map((part, i): ComparedCurve => ({
      algorithm: part.algorithm,
      iteration: frozen[i]!.iteration,
      loss: evaluations[i]!.maml,
      accuracy: evaluations[i]!.accuracy?.maml ?? null,
      msPerIteration: part.steps > 0 ? part.milliseconds / part.steps : NaN,
      divergence: part.session.divergence?.message ?? null,
    }));
    return { ...evaluations[0]!, compared };
  }

  /** The first algorithm's view (its tasks' gradients, its learned rates). */
  insights(): Promise<Insights> {
    return this.parts[0]!.session.insights();
  }

  snapshot(): SessionSnapshot {
    const parts = this.parts.map((part) => part.session.snapshot());
    const lead = parts[0]!;
    return { ...lead, config: this.config, iteration: this.iteration, parts };
  }

  /** The compared algorithms' sessions, in `config.compare` order. */
  get sessions(): readonly Session[] {
    return this.parts.map((part) => part.session);
  }
}
