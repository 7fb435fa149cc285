import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SilenceMonitor } from './silence-monitor.ts';

describe('SilenceMonitor', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function monitor(input: { silenceTimeoutMs: number; silenceHangupMs?: number }) {
    const events: string[] = [];
    const silence = new SilenceMonitor({
      ...input,
      isBusy: () => false,
      onPrompt: () => events.push(`prompt@${Math.round(performance.now())}`),
      onGiveUp: () => events.push(`give_up@${Math.round(performance.now())}`),
      checkIntervalMs: 100,
    });
    return { silence, events };
  }

  it('prompts after the silence timeout and ends after the separate hang-up delay', () => {
    const start = performance.now();
    const { silence, events } = monitor({ silenceTimeoutMs: 10_000, silenceHangupMs: 15_000 });
    vi.advanceTimersByTime(9_900);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(events).toEqual([`prompt@${Math.round(start + 10_000)}`]);
    vi.advanceTimersByTime(14_900);
    expect(events).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(events).toEqual([`prompt@${Math.round(start + 10_000)}`, `give_up@${Math.round(start + 25_000)}`]);
    silence.stop();
  });

  it('starts over when the caller speaks after the prompt', () => {
    const { silence, events } = monitor({ silenceTimeoutMs: 10_000, silenceHangupMs: 15_000 });
    vi.advanceTimersByTime(10_000);
    expect(events).toHaveLength(1);
    vi.advanceTimersByTime(5_000);
    silence.callerActive();
    vi.advanceTimersByTime(14_000);
    // A fresh silence: prompted again at 10 s, no give-up yet.
    expect(events).toHaveLength(2);
    expect(events[1]).toMatch(/^prompt@/);
    silence.stop();
  });

  it('without a hang-up delay, waits the silence timeout again', () => {
    const { silence, events } = monitor({ silenceTimeoutMs: 1_000 });
    vi.advanceTimersByTime(2_000);
    expect(events.map((event) => event.split('@')[0])).toEqual(['prompt', 'give_up']);
    silence.stop();
  });
});
