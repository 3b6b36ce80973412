/**
 * Decides when each live chart redraws. The worker reports up to 20 times a second, and a recharts
 * chart costs tens of milliseconds of the page's thread per redraw, so redrawing on every report
 * would crowd out the page and slow training down. Here:
 * - only charts in view and behind the store redraw;
 * - one chart at a time: the next starts only once the last has drawn, a short gap later;
 * - each chart's rate follows its measured cost, so that all live charts together use about
 *   BUDGET_SHARE of the thread, between 1 and 4 redraws a second each.
 * Plain TypeScript with the clock passed in, so the rules can be tested without a browser.
 */

/** Share of the page's thread that all live charts together may take. */
export const BUDGET_SHARE = 0.08;
/** A chart redraws at most four times a second... */
export const MIN_INTERVAL_MS = 250;
/** ...and at least once a second while it is behind and in view. */
export const MAX_INTERVAL_MS = 1000;
/** Pause between the end of one chart's redraw and the start of the next. */
export const GAP_MS = 40;
/** A redraw not reported done after this long no longer holds up the others. */
export const DRAW_TIMEOUT_MS = 1000;
/** Assumed cost of a chart that has not redrawn yet (measured: ~25 ms for a recharts chart). */
export const FIRST_COST_GUESS_MS = 25;
/** A chart counts as live (sharing the budget) while it was behind within this window. */
export const LIVE_WINDOW_MS = 2000;
/** Weight of the newest measurement in a chart's running cost. */
const COST_SMOOTHING = 0.3;

/** The time between two redraws of a chart that costs `costMs`, with `liveCharts` sharing. */
export function updateInterval(costMs: number, liveCharts: number): number {
  const interval = (costMs * Math.max(1, liveCharts)) / BUDGET_SHARE;
  return Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, interval));
}

/** The time source and timers: the browser's in the page, a fake one in tests. */
export interface SchedulerClock {
  now(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(timer: unknown): void;
  /** Runs `callback` in a task of its own after the current one, as soon as possible. */
  afterTask(callback: () => void): void;
  /**
   * Runs `callback` late in the next animation frame, with the time that frame started: recharts
   * finishes a redraw there (its store tells its parts about new data once per frame).
   */
  afterFrame(callback: (frameStart: number) => void): void;
}

/** What the scheduler needs from a chart. */
export interface LiveChart {
  /** Whether the store holds something newer than what the chart shows. */
  isBehind(): boolean;
  /** Hands the chart the store's latest value; the chart reports `drawn()` once it has drawn it. */
  update(): void;
}

/** A registered chart's side of the conversation. */
export interface LiveChartHandle {
  setVisible(visible: boolean): void;
  /** The chart has committed the value `update` gave it. */
  drawn(): void;
  unregister(): void;
}

interface Slot {
  readonly chart: LiveChart;
  visible: boolean;
  lastUpdate: number;
  lastBehind: number;
  /** Running cost of one redraw in ms; null before the first measurement. */
  cost: number | null;
}

export class ChartScheduler {
  private readonly slots = new Set<Slot>();
  private timer: unknown = null;
  private timerAt = Infinity;
  private drawing: { slot: Slot; since: number } | null = null;
  private lastDrawEnd = -Infinity;
  private stopped = false;

  constructor(private readonly clock: SchedulerClock) {}

  register(chart: LiveChart): LiveChartHandle {
    const slot: Slot = {
      chart,
      visible: false,
      lastUpdate: -Infinity,
      lastBehind: -Infinity,
      cost: null,
    };
    this.slots.add(slot);
    return {
      setVisible: (visible) => {
        slot.visible = visible;
        if (visible) this.wake();
      },
      drawn: () => {
        this.drawn(slot);
      },
      unregister: () => {
        this.slots.delete(slot);
        if (this.drawing?.slot === slot) this.finishDrawing();
      },
    };
  }

  /** Something changed (the store, a chart's visibility): look again soon. */
  wake(): void {
    this.stopped = false;
    if (this.drawing === null) this.schedule(0);
  }

  /** Stops the timer until the next `wake`. */
  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private drawn(slot: Slot): void {
    const drawing = this.drawing;
    if (drawing?.slot !== slot) return;
    // The cost is the task that committed the chart (with recharts' follow-up renders in it),
    // measured once it is over, plus the part of the next frame before us, where recharts'
    // store tells the chart's parts about the new data.
    this.clock.afterTask(() => {
      if (this.drawing !== drawing) return;
      const committed = this.clock.now() - drawing.since;
      this.clock.afterFrame((frameStart) => {
        if (this.drawing !== drawing) return;
        const cost = committed + Math.max(0, this.clock.now() - frameStart);
        slot.cost = slot.cost === null ? cost : slot.cost + COST_SMOOTHING * (cost - slot.cost);
        this.finishDrawing();
      });
    });
  }

  private finishDrawing(): void {
    this.drawing = null;
    this.lastDrawEnd = this.clock.now();
    this.schedule(GAP_MS);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const at = this.clock.now() + delayMs;
    if (this.timer !== null && this.timerAt <= at) return;
    this.clearTimer();
    this.timerAt = at;
    this.timer = this.clock.setTimer(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.tick();
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer === null) return;
    this.clock.clearTimer(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
  }

  private tick(): void {
    const now = this.clock.now();
    if (this.drawing !== null) {
      // A chart that never reported back (e.g. its value did not change what it drew).
      if (now - this.drawing.since < DRAW_TIMEOUT_MS) {
        this.schedule(this.drawing.since + DRAW_TIMEOUT_MS - now);
        return;
      }
      this.drawing = null;
      this.lastDrawEnd = now;
    }
    const behind: Slot[] = [];
    for (const slot of this.slots) {
      if (!slot.visible || !slot.chart.isBehind()) continue;
      slot.lastBehind = now;
      behind.push(slot);
    }
    if (behind.length === 0) return;
    let live = 0;
    for (const slot of this.slots) {
      if (slot.visible && now - slot.lastBehind < LIVE_WINDOW_MS) live += 1;
    }
    let next: Slot | null = null;
    let nextDue = Infinity;
    for (const slot of behind) {
      const due = slot.lastUpdate + updateInterval(slot.cost ?? FIRST_COST_GUESS_MS, live);
      if (due < nextDue) {
        next = slot;
        nextDue = due;
      }
    }
    const startAt = Math.max(nextDue, this.lastDrawEnd + GAP_MS);
    if (next === null || startAt > now) {
      this.schedule(startAt - now);
      return;
    }
    next.lastUpdate = now;
    this.drawing = { slot: next, since: now };
    this.schedule(DRAW_TIMEOUT_MS);
    next.chart.update();
  }
}
