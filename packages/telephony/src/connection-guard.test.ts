import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { ConnectionGuard, DEFAULT_CONNECTION_LIMITS } from './connection-guard.ts';
import type { TelephonyError } from './errors.ts';

const FRAME_MS = 20;

function guardWithClock() {
  const clock = { nowMs: 0 };
  const violations: TelephonyError[] = [];
  const socket = Object.assign(new EventEmitter(), { ping() {}, terminate() {} }) as unknown as WebSocket;
  const guard = new ConnectionGuard(
    socket,
    DEFAULT_CONNECTION_LIMITS,
    (error) => violations.push(error),
    () => clock.nowMs,
  );
  return { clock, violations, guard };
}

/** Delivers `frames` 20 ms media messages at the current clock reading, as a backlog arrives. */
function deliver(guard: ConnectionGuard, frames: number): boolean {
  for (let i = 0; i < frames; i += 1) {
    if (!guard.admitMessage() || !guard.admitAudio(FRAME_MS)) return false;
  }
  return true;
}

describe('ConnectionGuard', () => {
  const guards: ConnectionGuard[] = [];
  afterEach(() => {
    for (const guard of guards.splice(0)) guard.stop();
  });

  it('admits the backlog of real-time audio after our own event loop stalled for 3 s', () => {
    const { clock, violations, guard } = guardWithClock();
    guards.push(guard);
    // One second of normal pacing…
    for (let i = 0; i < 50; i += 1) {
      clock.nowMs += FRAME_MS;
      expect(deliver(guard, 1)).toBe(true);
    }
    // …then the loop is blocked for 3 s and 150 frames are read at once.
    clock.nowMs += 3_000;
    expect(deliver(guard, 150)).toBe(true);
    expect(violations).toEqual([]);
  });

  it('admits frames queued between the upgrade and the first processed message', () => {
    const { clock, violations, guard } = guardWithClock();
    guards.push(guard);
    clock.nowMs += 4_000;
    expect(deliver(guard, 200)).toBe(true);
    expect(violations).toEqual([]);
  });

  it('closes a caller sending audio at 10x real time within about a second', () => {
    const { clock, violations, guard } = guardWithClock();
    guards.push(guard);
    let sentMs = 0;
    while (violations.length === 0 && clock.nowMs < 5_000) {
      clock.nowMs += FRAME_MS / 10;
      deliver(guard, 1);
      sentMs += FRAME_MS;
    }
    expect(violations[0]?.code).toBe('rate_limited');
    expect(clock.nowMs).toBeLessThan(1_500);
    expect(sentMs).toBeGreaterThan(5_000);
  });
});
