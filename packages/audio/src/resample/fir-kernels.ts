/**
 * Inner loops of the polyphase resampler. Every kernel sums each output in the same order (even taps into
 * one accumulator, odd taps into another, then even + odd), so the kernels are interchangeable bit for
 * bit: which one computes a given output (which depends on chunk boundaries) never changes its value.
 */
import type { PolyphaseFilter } from './polyphase-filter.ts';

/** Where the next output's window starts in the history, and its polyphase phase. Mutated by kernels. */
export interface FilterPosition {
  start: number;
  phase: number;
}

/** Any L/M: one output at a time, advancing the window by M/L input samples. */
export function filterGeneric(
  filter: PolyphaseFilter,
  history: Float64Array,
  position: FilterPosition,
  values: Float64Array,
  offset: number,
  count: number,
): void {
  const { phaseTaps, tapsPerPhase, upFactor, downFactor } = filter;
  const wholeStep = Math.floor(downFactor / upFactor);
  const phaseStep = downFactor % upFactor;
  const pairedTaps = tapsPerPhase - (tapsPerPhase % 2);
  let { start, phase } = position;
  for (let n = offset; n < offset + count; n++) {
    const tapBase = phase * tapsPerPhase;
    // Two accumulators let the CPU overlap consecutive multiply-adds.
    let even = 0;
    let odd = 0;
    let k = 0;
    for (; k < pairedTaps; k += 2) {
      even += phaseTaps[tapBase + k]! * history[start + k]!;
      odd += phaseTaps[tapBase + k + 1]! * history[start + k + 1]!;
    }
    if (k < tapsPerPhase) even += phaseTaps[tapBase + k]! * history[start + k]!;
    values[n] = even + odd;
    start += wholeStep;
    phase += phaseStep;
    if (phase >= upFactor) {
      phase -= upFactor;
      start++;
    }
  }
  position.start = start;
  position.phase = phase;
}

/**
 * Taps regrouped tap-major ([k][phase]) so integer upsamplers can compute all L outputs of one window in
 * a single pass, loading each input sample once instead of L times.
 */
export function interleaveTaps(filter: PolyphaseFilter): Float64Array {
  const { phaseTaps, tapsPerPhase, upFactor } = filter;
  const interleaved = new Float64Array(phaseTaps.length);
  for (let phase = 0; phase < upFactor; phase++) {
    for (let k = 0; k < tapsPerPhase; k++)
      interleaved[k * upFactor + phase] = phaseTaps[phase * tapsPerPhase + k]!;
  }
  return interleaved;
}

/** L = 2, M = 1 (e.g. 8 → 16 kHz, 24 → 48 kHz): `blocks` windows, 2 outputs each; position.phase must be 0. */
export function filterUpBy2(
  interleaved: Float64Array,
  tapsPerPhase: number,
  history: Float64Array,
  position: FilterPosition,
  values: Float64Array,
  offset: number,
  blocks: number,
): void {
  const pairedTaps = tapsPerPhase - (tapsPerPhase % 2);
  let start = position.start;
  for (let b = 0, n = offset; b < blocks; b++, n += 2, start++) {
    let even0 = 0;
    let odd0 = 0;
    let even1 = 0;
    let odd1 = 0;
    let k = 0;
    for (; k < pairedTaps; k += 2) {
      const x0 = history[start + k]!;
      const x1 = history[start + k + 1]!;
      const t = k * 2;
      even0 += interleaved[t]! * x0;
      even1 += interleaved[t + 1]! * x0;
      odd0 += interleaved[t + 2]! * x1;
      odd1 += interleaved[t + 3]! * x1;
    }
    if (k < tapsPerPhase) {
      const x0 = history[start + k]!;
      even0 += interleaved[k * 2]! * x0;
      even1 += interleaved[k * 2 + 1]! * x0;
    }
    values[n] = even0 + odd0;
    values[n + 1] = even1 + odd1;
  }
  position.start = start;
}

/** L = 3, M = 1 (e.g. 8 → 24 kHz, 16 → 48 kHz): `blocks` windows, 3 outputs each; position.phase must be 0. */
export function filterUpBy3(
  interleaved: Float64Array,
  tapsPerPhase: number,
  history: Float64Array,
  position: FilterPosition,
  values: Float64Array,
  offset: number,
  blocks: number,
): void {
  const pairedTaps = tapsPerPhase - (tapsPerPhase % 2);
  let start = position.start;
  for (let b = 0, n = offset; b < blocks; b++, n += 3, start++) {
    let even0 = 0;
    let odd0 = 0;
    let even1 = 0;
    let odd1 = 0;
    let even2 = 0;
    let odd2 = 0;
    let k = 0;
    for (; k < pairedTaps; k += 2) {
      const x0 = history[start + k]!;
      const x1 = history[start + k + 1]!;
      const t = k * 3;
      even0 += interleaved[t]! * x0;
      even1 += interleaved[t + 1]! * x0;
      even2 += interleaved[t + 2]! * x0;
      odd0 += interleaved[t + 3]! * x1;
      odd1 += interleaved[t + 4]! * x1;
      odd2 += interleaved[t + 5]! * x1;
    }
    if (k < tapsPerPhase) {
      const x0 = history[start + k]!;
      even0 += interleaved[k * 3]! * x0;
      even1 += interleaved[k * 3 + 1]! * x0;
      even2 += interleaved[k * 3 + 2]! * x0;
    }
    values[n] = even0 + odd0;
    values[n + 1] = even1 + odd1;
    values[n + 2] = even2 + odd2;
  }
  position.start = start;
}
