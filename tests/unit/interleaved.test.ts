import { describe, expect, it } from 'vitest';
import { MIN_WARM_UP, timeInterleaved } from '../../src/core/bench/interleaved';

/** A clock that each piece of work moves on by its own cost. */
function fakeClock() {
  let time = 0;
  return { now: () => time, spend: (ms: number) => (time += ms) };
}

describe('timeInterleaved', () => {
  it('runs the pieces in turn, warms up at least 50 rounds, and times each round', async () => {
    const clock = fakeClock();
    const calls: string[] = [];
    let marked = -1;
    const piece = (name: string, ms: number) => () => {
      calls.push(name);
      clock.spend(ms);
      return Promise.resolve();
    };
    const times = await timeInterleaved([piece('a', 2), piece('b', 5)], {
      iterations: 4,
      warmUp: 3,
      seconds: 100,
      now: clock.now,
      afterWarmUp: () => {
        marked = calls.length;
      },
    });
    expect(marked).toBe(2 * MIN_WARM_UP);
    expect(calls.length).toBe(2 * (MIN_WARM_UP + 4));
    expect(calls.slice(0, 4)).toEqual(['a', 'b', 'a', 'b']);
    expect(times).toEqual([
      [2, 2, 2, 2],
      [5, 5, 5, 5],
    ]);
  });

  it('stops at the time limit, after three rounds at least', async () => {
    const clock = fakeClock();
    const slow = () => Promise.resolve(clock.spend(1000));
    const times = await timeInterleaved([slow], { iterations: 100, seconds: 0.5, now: clock.now });
    expect(times[0]).toHaveLength(3);
    const longer = await timeInterleaved([slow], { iterations: 100, seconds: 10, now: clock.now });
    expect(longer[0]!.length).toBe(10);
  });
});
