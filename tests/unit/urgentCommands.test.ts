/**
 * The page and the worker count urgent commands in shared memory: the worker sees one waiting
 * from the moment the page posts it until it reads it; other commands never count.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { UrgentCounter, UrgentInbox, isUrgent } from '../../src/worker/urgentCommands';
import { NO_RUN, type Command } from '../../src/worker/protocol';

const scope = globalThis as { crossOriginIsolated?: boolean };

const pause: Command = { type: 'pause', runId: 1 };
const start: Command = { type: 'start', runId: 1 };
const load: Command = {
  type: 'loadData',
  runId: NO_RUN,
  requestId: 3,
  name: 'a.zip',
  bytes: new ArrayBuffer(0),
};

describe('urgent commands', () => {
  afterEach(() => {
    delete scope.crossOriginIsolated;
  });

  it('are the ones that must not wait for an iteration: pause, stop, settings, files', () => {
    expect(isUrgent(pause)).toBe(true);
    expect(isUrgent(load)).toBe(true);
    expect(isUrgent({ type: 'stop', runId: 1 })).toBe(true);
    expect(isUrgent(start)).toBe(false);
    expect(isUrgent({ type: 'step', runId: 1, count: 1 })).toBe(false);
  });

  it('need a cross-origin isolated page to share their count', () => {
    expect(UrgentCounter.create()).toBeNull();
    scope.crossOriginIsolated = true;
    expect(UrgentCounter.create()).not.toBeNull();
  });

  it('are waiting from when the page posts one until the worker reads it', () => {
    scope.crossOriginIsolated = true;
    const counter = UrgentCounter.create()!;
    const inbox = new UrgentInbox();
    expect(inbox.waiting()).toBe(false);
    inbox.attach(counter.buffer);
    counter.count(start);
    expect(inbox.waiting()).toBe(false);
    counter.count(pause);
    counter.count(load);
    expect(inbox.waiting()).toBe(true);
    inbox.received(start);
    inbox.received(pause);
    expect(inbox.waiting()).toBe(true);
    inbox.received(load);
    expect(inbox.waiting()).toBe(false);
  });
});
