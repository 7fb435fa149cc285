import { describe, expect, it } from 'vitest';
import { FrameSplitter, frameBytesFor, TWILIO_FRAME_BYTES } from './frame-splitter.ts';
import { MULAW_SILENCE } from './g711/mulaw.ts';

describe('FrameSplitter', () => {
  it('produces exact frames from arbitrary chunk sizes, preserving every byte in order', () => {
    const stream = Uint8Array.from({ length: 10_007 }, (_, i) => (i * 31) & 0xff);
    let seed = 7;
    const nextSize = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % 400; // includes empty chunks and chunks bigger than a frame
    };
    const splitter = new FrameSplitter({ frameBytes: TWILIO_FRAME_BYTES });
    const frames: Uint8Array[] = [];
    for (let offset = 0; offset < stream.length; ) {
      const size = Math.min(nextSize(), stream.length - offset);
      frames.push(...splitter.push(stream.subarray(offset, offset + size)));
      offset += size;
    }
    expect(frames.every((frame) => frame.length === 160)).toBe(true);
    expect(frames.length).toBe(Math.floor(10_007 / 160));
    expect(splitter.pendingBytes).toBe(10_007 % 160);
    const tail = splitter.flush();
    expect(tail?.length).toBe(10_007 % 160);
    const joined = new Uint8Array(10_007);
    let at = 0;
    for (const frame of [...frames, tail!]) {
      joined.set(frame, at);
      at += frame.length;
    }
    expect(joined).toEqual(stream);
  });

  it('returns frames the caller can keep (not views on its buffers)', () => {
    const splitter = new FrameSplitter({ frameBytes: 4 });
    const chunk = Uint8Array.of(1, 2, 3, 4, 5, 6);
    const [first] = splitter.push(chunk);
    chunk.fill(0);
    const [second] = splitter.push(Uint8Array.of(7, 8));
    expect([...first!]).toEqual([1, 2, 3, 4]);
    expect([...second!]).toEqual([5, 6, 7, 8]);
  });

  it('pads the last partial frame on request, and reset() drops it', () => {
    const splitter = new FrameSplitter({ frameBytes: 4 });
    splitter.push(Uint8Array.of(1));
    expect([...splitter.flush(MULAW_SILENCE)!]).toEqual([1, 0xff, 0xff, 0xff]);
    expect(splitter.flush()).toBeUndefined();
    splitter.push(Uint8Array.of(1, 2));
    splitter.reset();
    expect(splitter.pendingBytes).toBe(0);
    expect(splitter.push(Uint8Array.of(3, 4, 5, 6))).toEqual([Uint8Array.of(3, 4, 5, 6)]);
  });

  it('computes frame sizes and rejects impossible ones', () => {
    expect(frameBytesFor({ sampleRate: 8000, frameMs: 20, bytesPerSample: 1 })).toBe(160);
    expect(frameBytesFor({ sampleRate: 24000, frameMs: 20, bytesPerSample: 2 })).toBe(960);
    expect(() => frameBytesFor({ sampleRate: 22050, frameMs: 1, bytesPerSample: 1 })).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
    expect(() => new FrameSplitter({ frameBytes: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
  });
});
