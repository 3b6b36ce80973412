/**
 * Everything the worker does for the page beside training: the held-out evaluations it schedules
 * itself, the views the page watches (the function view's preview, the insights) and the one-shot
 * requests (an evaluation now, a held-out task, the one-shot runs, the user's data). Each command
 * with a requestId is answered exactly once, through the reply book: a result or `requestEnded`,
 * also when its run was replaced, a newer request replaced it, or the trainer cannot do it.
 */
import type { Trainer } from '../core/trainer';
import { BackgroundRequests, type BackgroundContext } from './backgroundRequests';
import { realClock, type Clock } from './clock';
import { answerDataCommand } from './dataRequests';
import { errorText } from './errorText';
import { EvaluationSchedule } from './evaluationSchedule';
import { NO_RUN, type Command, type RequestCommand, type RunState } from './protocol';
import { ReplyBook } from './replies';
import { RUN_REPLACED, ViewFeed, type FeedSource } from './viewFeed';
import {
  INSIGHTS_VIEW,
  ITERATION_VIEW,
  PREVIEW_VIEW,
  type IterationParams,
  type PreviewParams,
} from './viewPictures';
import { PARAM_SPACE_VIEW } from './paramSpacePicture';

/** The commands answered here rather than by the training loop. */
export type PageRequest = Extract<
  Command,
  {
    type:
      | 'evaluate'
      | 'preview'
      | 'insights'
      | 'iteration'
      | 'paramSpace'
      | 'unwatch'
      | 'inspectTask'
      | 'scoreOneShotRuns';
  }
>;

export interface RunRequestsContext extends BackgroundContext {
  /** The current run: its id, its trainer (null while it has none) and its state. */
  readonly current: () => {
    readonly runId: number;
    readonly trainer: Trainer | null;
    readonly state: RunState;
  };
  readonly clock?: Clock;
}

export class RunRequests {
  readonly replies: ReplyBook;
  private readonly background: BackgroundRequests;
  private readonly evaluations: EvaluationSchedule;
  private readonly previews: ViewFeed<PreviewParams>;
  private readonly insights: ViewFeed<null>;
  private readonly iterations: ViewFeed<IterationParams>;
  private readonly planes: ViewFeed<null>;
  private scheduleEvaluations = true;

  constructor(private readonly context: RunRequestsContext) {
    const clock = context.clock ?? realClock;
    this.replies = new ReplyBook(context.emit);
    this.background = new BackgroundRequests(context);
    this.evaluations = new EvaluationSchedule({
      clock,
      run: () => {
        const { trainer, state } = context.current();
        if (trainer === null) return null;
        const { iterations, evalTasks } = trainer.config;
        const diverged = trainer.divergence !== null;
        return { state, iteration: trainer.iteration, iterations, evalTasks, diverged };
      },
      evaluate: (tasks, reply) => {
        const { runId, trainer } = context.current();
        if (trainer === null) return Promise.resolve(null);
        return this.background.evaluate(runId, trainer, tasks, reply);
      },
    });
    const source = (): FeedSource | null => {
      const { runId, trainer, state } = context.current();
      return trainer === null ? null : { runId, trainer, training: state === 'running' };
    };
    const feed = { clock, gate: context.gate, source };
    this.previews = new ViewFeed({ ...feed, kind: PREVIEW_VIEW });
    this.insights = new ViewFeed({ ...feed, kind: INSIGHTS_VIEW });
    this.iterations = new ViewFeed({ ...feed, kind: ITERATION_VIEW });
    this.planes = new ViewFeed({ ...feed, kind: PARAM_SPACE_VIEW });
  }

  /**
   * A new run: every request of the old one ends now, even one stuck on a lost GPU, and the
   * schedule starts over (`scheduleEvaluations` false: the worker evaluates only when asked).
   */
  newRun(runId: number, scheduleEvaluations: boolean): void {
    this.replies.cancelAllBut(runId, RUN_REPLACED);
    this.previews.clear();
    this.insights.clear();
    this.iterations.clear();
    this.planes.clear();
    this.scheduleEvaluations = scheduleEvaluations;
    this.evaluations.restart(scheduleEvaluations);
  }

  /** The run's trainer was built again (reset): its evaluations start over. */
  newTrainer(): void {
    this.evaluations.restart(this.scheduleEvaluations);
  }

  /** The run's state or parameters changed: whatever is due now starts. */
  changed(): void {
    this.evaluations.check();
    this.previews.check();
    this.insights.check();
    this.iterations.check();
    this.planes.check();
  }

  handle(command: PageRequest, runId: number, trainer: Trainer): void {
    if (command.type === 'unwatch') {
      this.previews.stop(command.watchId);
      this.insights.stop(command.watchId);
      this.iterations.stop(command.watchId);
      this.planes.stop(command.watchId);
      return;
    }
    const reply = this.replies.open(runId, command.requestId);
    switch (command.type) {
      case 'evaluate':
        this.evaluations.evaluateNow(command.tasks, reply);
        return;
      case 'preview': {
        const { supportX, supportY, gridX } = command;
        this.previews.start(reply, { supportX, supportY, gridX });
        return;
      }
      case 'insights':
        this.insights.start(reply, null);
        return;
      case 'paramSpace':
        this.planes.start(reply, null);
        return;
      case 'iteration':
        this.iterations.start(reply, { gridX: command.gridX, tasks: command.tasks });
        return;
      case 'inspectTask':
      case 'scoreOneShotRuns':
        void this.background.classification(runId, trainer, command, reply);
        return;
    }
  }

  /** A request of a run that was replaced, or that has no trainer: it ends at once. */
  refuse(command: RequestCommand, currentRunId: number): void {
    const reply = this.replies.open(command.runId, command.requestId);
    if (command.runId !== currentRunId) reply.end('cancelled', RUN_REPLACED);
    else reply.end('failed', 'The run has no trainer: it could not start.');
  }

  /** A request that would adapt held-out tasks of a run over the cost budget, which waits. */
  refuseOverBudget(command: RequestCommand): void {
    const reply = this.replies.open(command.runId, command.requestId);
    reply.end(
      'failed',
      'These settings are over the cost budget: nothing is evaluated until the run is started anyway.',
    );
  }

  /** Loading or forgetting the user's archives: answered at once, whatever the file holds. */
  answerData(command: Extract<Command, { type: 'loadData' | 'clearData' }>): void {
    const reply = this.replies.open(NO_RUN, command.requestId);
    try {
      reply.answer(answerDataCommand(this.context.library, command));
    } catch (error) {
      reply.end('failed', errorText(error));
    }
  }
}
