import { describe, expect, it } from 'vitest';
import { FRAME_BYTES, readStamps, StampScanner, stampedFrame } from './calls-frame-stamp.ts';
import { percentile, ratio, summarize } from './calls-stats.ts';

describe('frame stamps', () => {
  it('round-trips a stamp through a 160-byte μ-law frame', () => {
    const frame = stampedFrame({ direction: 'in', callIndex: 42, seq: 7, sentAtNs: 123456789012345n });
    expect(frame.length).toBe(FRAME_BYTES);
    expect(readStamps(frame)).toEqual([
      { direction: 'in', callIndex: 42, seq: 7, sentAtNs: 123456789012345n },
    ]);
  });

  it('finds stamps split across chunks at any boundary, once each', () => {
    const frames = [0, 1, 2, 3].map((seq) =>
      stampedFrame({ direction: 'out', callIndex: 3, seq, sentAtNs: BigInt(seq) * 1000n }),
    );
    const stream = Buffer.concat(frames);
    for (const chunkBytes of [1, 7, 23, 100, 160, 333]) {
      const scanner = new StampScanner();
      const seqs: number[] = [];
      for (let offset = 0; offset < stream.length; offset += chunkBytes) {
        for (const stamp of scanner.push(stream.subarray(offset, offset + chunkBytes))) seqs.push(stamp.seq);
      }
      expect(seqs, `chunks of ${chunkBytes} bytes`).toEqual([0, 1, 2, 3]);
    }
  });

  it('ignores silence and look-alike bytes', () => {
    const frame = Buffer.alloc(FRAME_BYTES, 0xff);
    frame.write('RCBNC', 10, 'latin1');
    expect(readStamps(frame)).toEqual([]);
  });
});

describe('benchmark statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(summarize([3, 1, 2])).toMatchObject({ count: 3, p50: 2, max: 3, mean: 2 });
  });

  it('gives no ratio against a zero or missing peer value', () => {
    expect(ratio(2, 4)).toBe(0.5);
    expect(ratio(2, 0)).toBeNull();
    expect(ratio(undefined, 3)).toBeNull();
  });
});
