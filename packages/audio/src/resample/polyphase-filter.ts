/**
 * Designs the windowed-sinc low-pass used for rational L/M resampling and lays it out as a polyphase
 * bank, so the resampler never multiplies by the zeros that upsampling inserts.
 */
import { assertPositiveInteger, InvalidAudioArgumentError } from '../errors.ts';
import { besselI0, kaiserBeta, kaiserOrder, kaiserWindowAt } from './kaiser.ts';

/**
 * Band edges as fractions of the lower of the two Nyquist frequencies. The stopband starts exactly at
 * that Nyquist frequency, so nothing aliases or images at all (not even into the transition band); the
 * passband reaches 85% of it, i.e. 3.4 kHz at 8 kHz — the whole telephone band.
 */
export const PASSBAND_EDGE_FRACTION = 0.85;
export const STOPBAND_EDGE_FRACTION = 1;
/** Designed for 70 dB so that the ≥ 60 dB guarantee holds with margin after Float32/PCM16 rounding. */
export const DESIGN_ATTENUATION_DB = 70;

/** Guards against ratios like 44100→44099 that would need millions of taps. */
const MAX_TOTAL_TAPS = 1 << 20;
export const MAX_SAMPLE_RATE = 768_000;

export interface PolyphaseFilter {
  readonly inputRate: number;
  readonly outputRate: number;
  /** Upsampling factor L (= number of phases). */
  readonly upFactor: number;
  /** Downsampling factor M. */
  readonly downFactor: number;
  readonly tapsPerPhase: number;
  /**
   * `upFactor` phases of `tapsPerPhase` taps each, phase p at [p*K, (p+1)*K), stored time-reversed so the
   * inner loop walks taps and input history forward together. Gain L is folded in.
   */
  readonly phaseTaps: Float64Array;
  /** Group delay of the prototype filter, in samples at the upsampled rate (L × input rate). */
  readonly delay: number;
}

function greatestCommonDivisor(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

const designCache = new Map<string, PolyphaseFilter>();

/** Returns the (cached, shared, read-only) filter for one rate pair. */
export function getPolyphaseFilter(inputRate: number, outputRate: number): PolyphaseFilter {
  const key = `${inputRate}:${outputRate}`;
  let filter = designCache.get(key);
  if (filter === undefined) {
    filter = designPolyphaseFilter(inputRate, outputRate);
    designCache.set(key, filter);
  }
  return filter;
}

export function designPolyphaseFilter(inputRate: number, outputRate: number): PolyphaseFilter {
  assertPositiveInteger('inputRate', inputRate);
  assertPositiveInteger('outputRate', outputRate);
  if (inputRate > MAX_SAMPLE_RATE || outputRate > MAX_SAMPLE_RATE) {
    throw new InvalidAudioArgumentError(`sample rates above ${MAX_SAMPLE_RATE} Hz are not supported`);
  }
  const divisor = greatestCommonDivisor(inputRate, outputRate);
  const upFactor = outputRate / divisor;
  const downFactor = inputRate / divisor;
  if (upFactor === 1 && downFactor === 1) {
    return {
      inputRate,
      outputRate,
      upFactor,
      downFactor,
      tapsPerPhase: 1,
      phaseTaps: Float64Array.of(1),
      delay: 0,
    };
  }

  const upsampledRate = inputRate * upFactor;
  const lowerNyquist = Math.min(inputRate, outputRate) / 2;
  const passbandEdge = (PASSBAND_EDGE_FRACTION * lowerNyquist) / upsampledRate;
  const stopbandEdge = (STOPBAND_EDGE_FRACTION * lowerNyquist) / upsampledRate;
  const cutoff = (passbandEdge + stopbandEdge) / 2; // cycles per upsampled sample

  // An odd length gives an integer group delay, so output sample n lines up with input time n·M/L.
  let length = kaiserOrder(DESIGN_ATTENUATION_DB, stopbandEdge - passbandEdge) + 1;
  if (length % 2 === 0) length++;
  // Each output must be able to advance past at least M/L input samples within one window.
  const tapsPerPhase = Math.max(Math.ceil(length / upFactor), Math.ceil(downFactor / upFactor) + 1);
  if (tapsPerPhase * upFactor > MAX_TOTAL_TAPS) {
    throw new InvalidAudioArgumentError(
      `resampling ${inputRate} → ${outputRate} Hz needs a ${tapsPerPhase * upFactor}-tap filter; choose simpler rates`,
    );
  }

  const delay = (length - 1) / 2;
  const beta = kaiserBeta(DESIGN_ATTENUATION_DB);
  const i0OfBeta = besselI0(beta);
  const prototype = new Float64Array(tapsPerPhase * upFactor); // zero-padded past `length`
  let sum = 0;
  for (let n = 0; n < length; n++) {
    const x = 2 * cutoff * (n - delay);
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    const tap = 2 * cutoff * sinc * kaiserWindowAt(n, length, beta, i0OfBeta);
    prototype[n] = tap;
    sum += tap;
  }
  // Unity DC gain after upsampling: the zero-stuffed signal loses a factor L that the taps give back.
  const gain = upFactor / sum;

  const phaseTaps = new Float64Array(tapsPerPhase * upFactor);
  for (let phase = 0; phase < upFactor; phase++) {
    for (let k = 0; k < tapsPerPhase; k++) {
      // Phase p uses prototype taps p, p+L, p+2L… applied to x[i], x[i-1], x[i-2]…; reversed for the loop.
      phaseTaps[phase * tapsPerPhase + (tapsPerPhase - 1 - k)] = prototype[phase + k * upFactor]! * gain;
    }
  }
  return { inputRate, outputRate, upFactor, downFactor, tapsPerPhase, phaseTaps, delay };
}
