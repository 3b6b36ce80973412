/**
 * The worker's own schedule of held-out evaluations (the rules are in evaluationPolicy.ts). The
 * run controller tells it when something changed (a state, an iteration, a new run); it starts
 * evaluations through `evaluate` and looks again when one ends or a wait is over. An evaluation
 * the page asks for counts as the latest one and replaces any in flight.
 */
import { Alarm, type Clock } from './clock';
import {
  afterEnd,
  afterStart,
  decideEvaluation,
  freshEvaluationMemory,
  type EvaluatedRun,
} from './evaluationPolicy';
import type { Reply } from './replies';

export interface EvaluationScheduleDeps {
  readonly clock: Clock;
  /** The run as it stands; null while there is no trainer to evaluate. */
  readonly run: () => EvaluatedRun | null;
  /**
   * Evaluates `tasks` held-out tasks (the config's evalTasks if undefined), answering `reply` if
   * given. Resolves with the worker's time spent on it (the wall time if it failed), or null if a
   * newer evaluation or a new run replaced it.
   */
  readonly evaluate: (tasks: number | undefined, reply: Reply | null) => Promise<number | null>;
}

export class EvaluationSchedule {
  private memory = freshEvaluationMemory();
  private enabled = true;
  /** Numbers evaluations: only the latest one's end counts. */
  private latest = 0;
  private readonly alarm: Alarm;

  constructor(private readonly deps: EvaluationScheduleDeps) {
    this.alarm = new Alarm(deps.clock, () => {
      this.check();
    });
  }

  /** A new run or trainer: nothing of the old one counts; `enabled` false schedules nothing. */
  restart(enabled: boolean): void {
    this.memory = freshEvaluationMemory();
    this.enabled = enabled;
    this.latest += 1;
    this.alarm.clear();
  }

  /** Something changed: starts an evaluation if one is due, else waits for the time it will be. */
  check(): void {
    const run = this.deps.run();
    if (!this.enabled || run === null) return;
    const decision = decideEvaluation(run, this.memory, this.deps.clock.now());
    if (decision.kind === 'evaluate') {
      this.start(run.iteration, decision.tasks, decision.final, null);
    } else if (decision.retryInMs !== null) {
      this.alarm.set(decision.retryInMs);
    }
  }

  /** The page's "evaluate now": it replaces the evaluation in flight, if any. */
  evaluateNow(tasks: number | undefined, reply: Reply): void {
    this.start(this.deps.run()?.iteration ?? 0, tasks, false, reply);
  }

  private start(iteration: number, tasks: number | undefined, final: boolean, reply: Reply | null) {
    const { clock } = this.deps;
    this.latest += 1;
    const number = this.latest;
    const started = clock.now();
    this.memory = afterStart(this.memory, iteration, final, started);
    void this.deps.evaluate(tasks, reply).then((workMs) => {
      if (number !== this.latest) return;
      const now = clock.now();
      this.memory = afterEnd(this.memory, workMs ?? now - started, now);
      this.check();
    });
  }
}
