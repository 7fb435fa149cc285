import { afterEach, describe, expect, it, vi } from 'vitest';
import { MarkedPlayback } from './marked-playback.ts';

const BYTES_PER_MS = 8;

function playbackWithWire(markIntervalMs = 100) {
  const wire: Array<{ media: number } | { mark: string }> = [];
  const playback = new MarkedPlayback(
    {
      media: (chunk) => wire.push({ media: chunk.byteLength / BYTES_PER_MS }),
      mark: (name) => wire.push({ mark: name }),
    },
    { bytesPerMs: BYTES_PER_MS, markIntervalMs },
  );
  return { playback, wire };
}

const audioMs = (ms: number): Uint8Array => new Uint8Array(ms * BYTES_PER_MS).fill(0x7f);

describe('MarkedPlayback', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('marks every 100 ms of a reply streamed in 20 ms deltas, not every delta', () => {
    const { playback, wire } = playbackWithWire();
    for (let delta = 0; delta < 10; delta++) playback.send('reply-1', audioMs(20));
    expect(wire.filter((entry) => 'mark' in entry)).toEqual([{ mark: 'm1' }, { mark: 'm2' }]);
    expect(wire.slice(0, 6)).toEqual([
      { media: 20 },
      { media: 20 },
      { media: 20 },
      { media: 20 },
      { media: 20 },
      { mark: 'm1' },
    ]);
    playback.acknowledge('m1');
    expect(playback.heardMs('reply-1')).toBe(100);
    playback.stop();
  });

  it('cuts a long delta where marks fall, continuing the count of the delta before it', () => {
    const { playback, wire } = playbackWithWire();
    playback.send('reply-1', audioMs(60));
    playback.send('reply-1', audioMs(250));
    expect(wire).toEqual([
      { media: 60 },
      { media: 40 },
      { mark: 'm1' },
      { media: 100 },
      { mark: 'm2' },
      { media: 100 },
      { mark: 'm3' },
      { media: 10 },
    ]);
    playback.stop();
  });

  it('marks the tail of a reply once no more audio arrives for the mark interval', () => {
    vi.useFakeTimers();
    const { playback, wire } = playbackWithWire();
    playback.send('reply-1', audioMs(30));
    expect(playback.isPlaying).toBe(true);
    vi.advanceTimersByTime(99);
    expect(wire).toEqual([{ media: 30 }]);
    vi.advanceTimersByTime(1);
    expect(wire).toEqual([{ media: 30 }, { mark: 'm1' }]);
    expect(playback.isPlaying).toBe(true);
    expect(playback.acknowledge('m1')).toBe(true);
    expect(playback.isPlaying).toBe(false);
    expect(playback.heardMs('reply-1')).toBe(30);
  });

  it('never lets one mark span two replies', () => {
    const { playback, wire } = playbackWithWire();
    playback.send('reply-1', audioMs(40));
    playback.send('reply-2', audioMs(40));
    expect(wire).toEqual([{ media: 40 }, { mark: 'm1' }, { media: 40 }]);
    playback.acknowledge('m1');
    expect(playback.heardMs('reply-1')).toBe(40);
    expect(playback.heardMs('reply-2')).toBe(0);
    playback.stop();
  });

  it('clearing reports the playing reply; unmarked audio counts as not heard', () => {
    vi.useFakeTimers();
    const { playback, wire } = playbackWithWire();
    playback.send('reply-1', audioMs(150));
    playback.acknowledge('m1');
    expect(playback.clear()).toEqual({ itemId: 'reply-1', heardMs: 100 });
    expect(playback.isPlaying).toBe(false);
    vi.advanceTimersByTime(500);
    expect(wire.filter((entry) => 'mark' in entry)).toEqual([{ mark: 'm1' }]);
  });

  it('clearing with only unmarked audio out names its reply, heard up to the last acknowledged mark', () => {
    const { playback } = playbackWithWire();
    playback.send('reply-1', audioMs(100));
    playback.acknowledge('m1');
    playback.send('reply-1', audioMs(20));
    expect(playback.clear()).toEqual({ itemId: 'reply-1', heardMs: 100 });
    expect(playback.clear()).toBeUndefined();
  });

  it('sends nothing more after stop', () => {
    vi.useFakeTimers();
    const { playback, wire } = playbackWithWire();
    playback.send('reply-1', audioMs(20));
    playback.stop();
    vi.advanceTimersByTime(1_000);
    expect(wire).toEqual([{ media: 20 }]);
    expect(playback.isPlaying).toBe(false);
  });
});
