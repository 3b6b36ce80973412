/**
 * The chart scheduler's rules, on a fake clock: only charts in view and behind the store redraw,
 * one at a time, never two in one task; each chart's rate follows its measured cost within one to
 * four redraws a second; a chart that never reports back does not hold the others up for long.
 */
import { describe, expect, it } from 'vitest';
import {
  BUDGET_SHARE,
  ChartScheduler,
  DRAW_TIMEOUT_MS,
  GAP_MS,
  MAX_INTERVAL_MS,
  MIN_INTERVAL_MS,
  updateInterval,
  type LiveChartHandle,
  type SchedulerClock,
} from '../../src/ui/charts/live/chartScheduler';

/** A clock whose time moves only when the test says; "tasks" run in time order. */
class FakeClock implements SchedulerClock {
  time = 0;
  private timers: { at: number; id: number; callback: () => void }[] = [];
  private nextId = 1;

  now(): number {
    return this.time;
  }
  setTimer(callback: () => void, delayMs: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + Math.max(0, delayMs), id, callback });
    return id;
  }
  clearTimer(timer: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== timer);
  }
  afterTask(callback: () => void): void {
    this.setTimer(callback, 0);
  }
  /** Frames start every 16 ms; nothing else runs in them here. */
  afterFrame(callback: (frameStart: number) => void): void {
    const next = Math.ceil((this.time + 1) / 16) * 16;
    this.setTimer(() => {
      callback(next);
    }, next - this.time);
  }
  /** Runs every timer due up to `ms` from now, in order, moving the time along. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id);
      const next = due[0];
      if (next === undefined) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = Math.max(this.time, next.at);
      next.callback();
    }
    this.time = end;
  }
}

/**
 * A chart that is always behind (the store changes faster than any chart redraws) and takes
 * `costMs` to draw, then reports back, as the page's charts do after their commit.
 */
function streamingChart(clock: FakeClock, scheduler: ChartScheduler, costMs: number) {
  const chart = { updates: [] as number[], handle: null as LiveChartHandle | null, behind: true };
  chart.handle = scheduler.register({
    isBehind: () => chart.behind,
    update: () => {
      chart.updates.push(clock.now());
      clock.setTimer(() => chart.handle?.drawn(), costMs);
    },
  });
  return chart;
}

describe('chart scheduler', () => {
  it('spaces a chart by its cost over its budget share, within 1 to 4 redraws a second', () => {
    expect(updateInterval(1, 1)).toBe(MIN_INTERVAL_MS);
    expect(updateInterval(30, 1)).toBeCloseTo(30 / BUDGET_SHARE);
    expect(updateInterval(30, 2)).toBeCloseTo((2 * 30) / BUDGET_SHARE);
    expect(updateInterval(500, 1)).toBe(MAX_INTERVAL_MS);
    expect(updateInterval(30, 0)).toBe(updateInterval(30, 1));
  });

  it('redraws only charts in view and behind the store', () => {
    const clock = new FakeClock();
    const scheduler = new ChartScheduler(clock);
    const chart = streamingChart(clock, scheduler, 5);
    scheduler.wake();
    clock.advance(3000);
    expect(chart.updates).toEqual([]);

    chart.handle!.setVisible(true);
    clock.advance(3000);
    const seen = chart.updates.length;
    expect(seen).toBeGreaterThanOrEqual(10);

    chart.behind = false;
    scheduler.wake();
    clock.advance(3000);
    expect(chart.updates.length).toBe(seen);
  });

  it('a cheap chart redraws four times a second, a dear one less often, by measured cost', () => {
    const clock = new FakeClock();
    const scheduler = new ChartScheduler(clock);
    const cheap = streamingChart(clock, scheduler, 2);
    cheap.handle!.setVisible(true);
    clock.advance(10_000);
    // Four a second, give or take the first one.
    expect(cheap.updates.length).toBeGreaterThanOrEqual(39);
    expect(cheap.updates.length).toBeLessThanOrEqual(41);
    cheap.handle!.unregister();

    const dear = streamingChart(clock, scheduler, 60);
    dear.handle!.setVisible(true);
    clock.advance(10_000);
    // 60 ms within an 8% budget: one every 750 ms once measured.
    const gaps = dear.updates.slice(3).map((t, i) => t - dear.updates[i + 2]!);
    for (const gap of gaps) expect(gap).toBeCloseTo(60 / BUDGET_SHARE, 0);
  });

  it('never starts a chart while another draws, and leaves a gap between them', () => {
    const clock = new FakeClock();
    const scheduler = new ChartScheduler(clock);
    const charts = [10, 20, 30].map((cost) => streamingChart(clock, scheduler, cost));
    for (const chart of charts) chart.handle!.setVisible(true);
    clock.advance(20_000);
    const starts = charts
      .flatMap((chart, i) => chart.updates.map((at) => ({ at, cost: [10, 20, 30][i]! })))
      .sort((a, b) => a.at - b.at);
    expect(starts.length).toBeGreaterThan(30);
    for (let i = 1; i < starts.length; i += 1) {
      const previous = starts[i - 1]!;
      expect(starts[i]!.at).toBeGreaterThanOrEqual(previous.at + previous.cost + GAP_MS);
    }
    // Three live charts share the budget: together they stay within it.
    const busy = starts.reduce((sum, start) => sum + start.cost, 0);
    expect(busy / 20_000).toBeLessThanOrEqual(BUDGET_SHARE * 1.05);
  });

  it('a chart that never reports back holds the others up for at most the draw timeout', () => {
    const clock = new FakeClock();
    const scheduler = new ChartScheduler(clock);
    const silent = { updates: 0 };
    const silentHandle = scheduler.register({
      isBehind: () => true,
      update: () => {
        silent.updates += 1;
      },
    });
    silentHandle.setVisible(true);
    const other = streamingChart(clock, scheduler, 5);
    other.handle!.setVisible(true);
    clock.advance(DRAW_TIMEOUT_MS * 5);
    expect(silent.updates).toBeGreaterThanOrEqual(2);
    expect(other.updates.length).toBeGreaterThanOrEqual(2);
  });

  it('stops when stopped, and an unregistered chart is never asked again', () => {
    const clock = new FakeClock();
    const scheduler = new ChartScheduler(clock);
    const chart = streamingChart(clock, scheduler, 5);
    chart.handle!.setVisible(true);
    clock.advance(1000);
    scheduler.stop();
    const stopped = chart.updates.length;
    clock.advance(3000);
    expect(chart.updates.length).toBe(stopped);
    chart.handle!.unregister();
    scheduler.wake();
    clock.advance(3000);
    expect(chart.updates.length).toBe(stopped);
  });
});
