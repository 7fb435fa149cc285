import { describe, expect, it } from 'vitest';
import { PlaybackTracker } from './playback-tracker.ts';

describe('PlaybackTracker', () => {
  it('reports heard audio from acknowledged marks only', () => {
    const tracker = new PlaybackTracker();
    const first = tracker.recordSent('reply-1', 100);
    tracker.recordSent('reply-1', 100);
    tracker.recordSent('reply-1', 100);
    expect(tracker.isPlaying).toBe(true);
    expect(tracker.acknowledge(first)).toBe(true);
    expect(tracker.heardMs('reply-1')).toBe(100);
    expect(tracker.clear()).toEqual({ itemId: 'reply-1', heardMs: 100 });
    expect(tracker.isPlaying).toBe(false);
  });

  it('ignores marks echoed after a clear', () => {
    const tracker = new PlaybackTracker();
    tracker.recordSent('reply-1', 100);
    const second = tracker.recordSent('reply-1', 100);
    tracker.clear();
    expect(tracker.acknowledge(second)).toBe(false);
    expect(tracker.heardMs('reply-1')).toBe(0);
  });

  it('acknowledging a later mark implies the earlier ones played', () => {
    const tracker = new PlaybackTracker();
    tracker.recordSent('a', 60);
    const last = tracker.recordSent('b', 40);
    tracker.acknowledge(last);
    expect(tracker.heardMs('a')).toBe(60);
    expect(tracker.heardMs('b')).toBe(40);
    expect(tracker.isPlaying).toBe(false);
    expect(tracker.clear()).toBeUndefined();
  });
});
