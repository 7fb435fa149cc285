import { describe, expect, it } from 'vitest';
import { filterGeneric, filterUpBy2, filterUpBy3, interleaveTaps } from './fir-kernels.ts';
import { designPolyphaseFilter } from './polyphase-filter.ts';

describe('FIR kernels', () => {
  it.each([
    { inputRate: 8000, outputRate: 16000, kernel: filterUpBy2 },
    { inputRate: 24000, outputRate: 48000, kernel: filterUpBy2 },
    { inputRate: 8000, outputRate: 24000, kernel: filterUpBy3 },
    { inputRate: 16000, outputRate: 48000, kernel: filterUpBy3 },
  ])(
    '$inputRate → $outputRate: the whole-window kernel equals the generic one bit for bit',
    ({ inputRate, outputRate, kernel }) => {
      const filter = designPolyphaseFilter(inputRate, outputRate);
      const history = Float64Array.from(
        { length: filter.tapsPerPhase + 200 },
        (_, i) => Math.sin(i * 12.9898) * 0.9,
      );
      const blocks = 150;
      const outputs = blocks * filter.upFactor;
      const generic = new Float64Array(outputs);
      const genericPosition = { start: 3, phase: 0 };
      filterGeneric(filter, history, genericPosition, generic, 0, outputs);
      const fast = new Float64Array(outputs);
      const fastPosition = { start: 3, phase: 0 };
      kernel(interleaveTaps(filter), filter.tapsPerPhase, history, fastPosition, fast, 0, blocks);
      expect(fastPosition).toEqual(genericPosition);
      expect(fast).toEqual(generic);
      expect(generic.some((value) => value !== 0)).toBe(true);
    },
  );
});
