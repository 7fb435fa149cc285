/**
 * Streaming band-limited resampler (windowed-sinc polyphase FIR, rational L/M). Feeding a signal in any
 * chunk sizes and then calling flush() yields exactly the samples of a single call: every output is
 * computed from the same taps and inputs in the same order, whatever the chunking.
 *
 * Output is aligned with input (the filter's group delay is compensated) and a finished stream has
 * exactly ceil(inputSamples × outputRate / inputRate) samples, so flush() returns the delayed tail.
 */
import {
  type FilterPosition,
  filterGeneric,
  filterUpBy2,
  filterUpBy3,
  interleaveTaps,
} from './fir-kernels.ts';
import { getPolyphaseFilter, type PolyphaseFilter } from './polyphase-filter.ts';

export type SampleFormat = 'int16' | 'float32';
export type SamplesOf<F extends SampleFormat> = F extends 'float32' ? Float32Array : Int16Array;

export interface ResamplerOptions<F extends SampleFormat> {
  inputRate: number;
  outputRate: number;
  /** Type of the arrays process()/flush() return; input may be either. Default 'int16'. */
  format?: F;
}

const PCM16_SCALE = 32768;

export class Resampler<F extends SampleFormat = 'int16'> {
  readonly inputRate: number;
  readonly outputRate: number;
  readonly format: F;
  readonly #filter: PolyphaseFilter;
  /** Input history, as floats in [-1, 1): the K-1 samples before the next window plus unread input. */
  #history: Float64Array;
  #historyLength = 0;
  /** Index in #history where the next output's filter window starts. */
  #windowStart = 0;
  /** Polyphase phase (upsampled time modulo L) of the next output. */
  #phase = 0;
  #inputSamplesSeen = 0;
  #outputSamplesMade = 0;
  #scratch = new Float64Array(0);
  /** Tap-major copy of the taps, for the L = 2 and L = 3 integer upsampling kernels. */
  readonly #interleavedTaps: Float64Array | undefined;

  constructor(options: ResamplerOptions<F>) {
    this.#filter = getPolyphaseFilter(options.inputRate, options.outputRate);
    this.inputRate = options.inputRate;
    this.outputRate = options.outputRate;
    this.format = options.format ?? ('int16' as F);
    const { upFactor, downFactor } = this.#filter;
    const integerUpsampling = downFactor === 1 && (upFactor === 2 || upFactor === 3);
    this.#interleavedTaps = integerUpsampling ? interleaveTaps(this.#filter) : undefined;
    this.#history = new Float64Array(this.#filter.tapsPerPhase * 2 + 1024);
    this.reset();
  }

  /** Output samples still held back by the filter delay (what flush() would add right now, at most). */
  get latencySamples(): number {
    return this.#expectedOutputLength(this.#inputSamplesSeen) - this.#outputSamplesMade;
  }

  /** Forgets all state; the next process() starts a new stream. */
  reset(): void {
    const { tapsPerPhase, upFactor, delay } = this.#filter;
    // K-1 zeros stand for the silence before the stream, so the first outputs need no special case.
    this.#history.fill(0, 0, tapsPerPhase - 1);
    this.#historyLength = tapsPerPhase - 1;
    // Starting the upsampled clock at the group delay is what aligns output with input.
    this.#windowStart = Math.floor(delay / upFactor);
    this.#phase = delay % upFactor;
    this.#inputSamplesSeen = 0;
    this.#outputSamplesMade = 0;
  }

  /** Resamples the next chunk of the stream; returns every output sample the input seen so far allows. */
  process(chunk: Int16Array | Float32Array): SamplesOf<F> {
    this.#append(chunk);
    const count = this.#computableOutputs(this.#historyLength);
    return this.#emit(count);
  }

  /** Ends the stream: returns the delayed tail (as if followed by silence) and resets for a new stream. */
  flush(): SamplesOf<F> {
    const remaining = this.#expectedOutputLength(this.#inputSamplesSeen) - this.#outputSamplesMade;
    const { tapsPerPhase } = this.#filter;
    // Zero padding of one full window is always enough to compute the remaining outputs.
    this.#ensureCapacity(this.#historyLength + tapsPerPhase * 2 + this.#filter.downFactor);
    const padded = this.#historyLength + tapsPerPhase * 2 + this.#filter.downFactor;
    this.#history.fill(0, this.#historyLength, padded);
    this.#historyLength = padded;
    const result = this.#emit(Math.max(0, Math.min(remaining, this.#computableOutputs(padded))));
    this.reset();
    return result;
  }

  #expectedOutputLength(inputSamples: number): number {
    return Math.ceil((inputSamples * this.#filter.upFactor) / this.#filter.downFactor);
  }

  /** How many outputs have their whole filter window inside the first `available` history samples. */
  #computableOutputs(available: number): number {
    const { tapsPerPhase, upFactor, downFactor } = this.#filter;
    const lastWindowStart = available - tapsPerPhase;
    if (lastWindowStart < this.#windowStart) return 0;
    const position = this.#windowStart * upFactor + this.#phase;
    return Math.floor((lastWindowStart * upFactor + upFactor - 1 - position) / downFactor) + 1;
  }

  #append(chunk: Int16Array | Float32Array): void {
    this.#ensureCapacity(this.#historyLength + chunk.length);
    const history = this.#history;
    const offset = this.#historyLength;
    const scale = chunk instanceof Int16Array ? 1 / PCM16_SCALE : 1;
    for (let i = 0; i < chunk.length; i++) {
      const value = chunk[i]! * scale;
      // One NaN/Infinity would poison a whole filter window of output; treat it as silence instead.
      history[offset + i] = Number.isFinite(value) ? value : 0;
    }
    this.#historyLength += chunk.length;
    this.#inputSamplesSeen += chunk.length;
  }

  #ensureCapacity(needed: number): void {
    if (needed <= this.#history.length) return;
    const grown = new Float64Array(Math.max(needed, this.#history.length * 2));
    grown.set(this.#history.subarray(0, this.#historyLength));
    this.#history = grown;
  }

  #emit(count: number): SamplesOf<F> {
    if (this.#scratch.length < count)
      this.#scratch = new Float64Array(Math.max(count, this.#scratch.length * 2));
    const values = this.#scratch;
    const filter = this.#filter;
    const history = this.#history;
    const position: FilterPosition = { start: this.#windowStart, phase: this.#phase };
    let done = 0;
    if (this.#interleavedTaps !== undefined) {
      // Integer upsampling: finish the current window one output at a time, then whole windows at once.
      const upFactor = filter.upFactor;
      const lead = Math.min(count, (upFactor - position.phase) % upFactor);
      filterGeneric(filter, history, position, values, 0, lead);
      done = lead;
      const blocks = Math.floor((count - done) / upFactor);
      const upsample = upFactor === 2 ? filterUpBy2 : filterUpBy3;
      upsample(this.#interleavedTaps, filter.tapsPerPhase, history, position, values, done, blocks);
      done += blocks * upFactor;
    }
    filterGeneric(filter, history, position, values, done, count - done);
    const start = position.start;
    this.#phase = position.phase;
    this.#outputSamplesMade += count;
    // Drop history no future window can reach, keeping memory bounded on long calls.
    const consumed = Math.min(start, this.#historyLength);
    history.copyWithin(0, consumed, this.#historyLength);
    this.#historyLength -= consumed;
    this.#windowStart = start - consumed;
    return this.#convert(values, count);
  }

  #convert(values: Float64Array, count: number): SamplesOf<F> {
    if (this.format === 'float32') {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = values[i]!;
      return out as SamplesOf<F>;
    }
    const out = new Int16Array(count);
    for (let i = 0; i < count; i++) {
      const value = values[i]! * PCM16_SCALE;
      // Clip, then round half up via truncation of a positive number: much cheaper than Math.round.
      const clipped = Math.min(32767, Math.max(-32768, value));
      out[i] = ((clipped + 32768.5) | 0) - 32768;
    }
    return out as SamplesOf<F>;
  }
}
