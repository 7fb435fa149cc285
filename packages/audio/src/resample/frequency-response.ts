/**
 * Measures a resampler the way the spec states its guarantees: play pure tones through it and look at
 * what comes out. Used by the tests (which assert the limits) and the benchmark (which reports them).
 *
 * The tone's amplitude and phase are found by a least-squares fit of sin/cos at the known frequency over
 * the steady-state middle of the output (a single-bin DFT without window leakage); everything the fit
 * does not explain is spurious energy (aliases, images, rounding).
 */
import { resample } from './resample.ts';

const TONE_AMPLITUDE = 0.5;
const TONE_SECONDS = 0.5;
/** Skipped at both ends so the start/end transients of the finite signal don't count. */
const EDGE_SECONDS = 0.03;

export interface ToneResponse {
  frequencyHz: number;
  /** Gain of the tone itself, in dB (0 = unchanged). */
  gainDb: number;
  /** Everything except the tone (aliases, images), relative to the input tone's RMS, in dB. */
  spuriousDb: number;
}

export interface ResamplerResponse {
  inputRate: number;
  outputRate: number;
  passbandEdgeHz: number;
  /** Largest |gain| over tones in the passband, dB. */
  passbandRippleDb: number;
  /**
   * Worst rejection of unwanted output over every tone: aliases of tones above the output Nyquist
   * (downsampling) and images of every input tone (upsampling). Positive dB, bigger is better.
   */
  stopbandAttenuationDb: number;
  tones: ToneResponse[];
}

function sineFit(signal: Float32Array, frequencyHz: number, sampleRate: number, from: number, to: number) {
  const omega = (2 * Math.PI * frequencyHz) / sampleRate;
  let cc = 0;
  let ss = 0;
  let cs = 0;
  let yc = 0;
  let ys = 0;
  for (let n = from; n < to; n++) {
    const c = Math.cos(omega * n);
    const s = Math.sin(omega * n);
    const y = signal[n]!;
    cc += c * c;
    ss += s * s;
    cs += c * s;
    yc += y * c;
    ys += y * s;
  }
  const determinant = cc * ss - cs * cs;
  // A tone at exactly 0 Hz or Nyquist has no sine component; fall back to fitting the cosine alone.
  const a = Math.abs(determinant) < 1e-9 * cc * ss ? yc / cc : (yc * ss - ys * cs) / determinant;
  const b = Math.abs(determinant) < 1e-9 * cc * ss ? 0 : (ys * cc - yc * cs) / determinant;
  let residualEnergy = 0;
  for (let n = from; n < to; n++) {
    const fitted = a * Math.cos(omega * n) + b * Math.sin(omega * n);
    residualEnergy += (signal[n]! - fitted) ** 2;
  }
  return { amplitude: Math.hypot(a, b), residualRms: Math.sqrt(residualEnergy / (to - from)) };
}

function toDb(ratio: number): number {
  return 20 * Math.log10(Math.max(ratio, 1e-12));
}

export function measureTone(inputRate: number, outputRate: number, frequencyHz: number): ToneResponse {
  const length = Math.round(inputRate * TONE_SECONDS);
  const input = new Float32Array(length);
  const omega = (2 * Math.PI * frequencyHz) / inputRate;
  for (let n = 0; n < length; n++) input[n] = TONE_AMPLITUDE * Math.sin(omega * n);
  const output = resample(input, inputRate, outputRate);
  const edge = Math.round(outputRate * EDGE_SECONDS);
  const inputRms = TONE_AMPLITUDE / Math.SQRT2;
  if (frequencyHz >= outputRate / 2) {
    // The tone cannot exist at the output rate: all that remains is alias.
    let energy = 0;
    for (let n = edge; n < output.length - edge; n++) energy += output[n]! ** 2;
    const rms = Math.sqrt(energy / (output.length - 2 * edge));
    return { frequencyHz, gainDb: Number.NEGATIVE_INFINITY, spuriousDb: toDb(rms / inputRms) };
  }
  const fit = sineFit(output, frequencyHz, outputRate, edge, output.length - edge);
  return {
    frequencyHz,
    gainDb: toDb(fit.amplitude / TONE_AMPLITUDE),
    spuriousDb: toDb(fit.residualRms / inputRms),
  };
}

/** Sweeps tones across the whole input band (passband, transition band, and above the output Nyquist). */
export function measureResamplerResponse(
  inputRate: number,
  outputRate: number,
  passbandFraction = 0.85,
  tonesPerBand = 24,
): ResamplerResponse {
  const lowerNyquist = Math.min(inputRate, outputRate) / 2;
  const passbandEdgeHz = passbandFraction * lowerNyquist;
  const frequencies: number[] = [];
  for (let i = 1; i <= tonesPerBand; i++) frequencies.push((passbandEdgeHz * i) / tonesPerBand);
  // Transition band and (when downsampling) the band that must not alias; stop short of input Nyquist.
  const upper = (inputRate / 2) * 0.995;
  for (let i = 1; i <= tonesPerBand; i++)
    frequencies.push(passbandEdgeHz + ((upper - passbandEdgeHz) * i) / tonesPerBand);
  const tones = frequencies.map((frequencyHz) => measureTone(inputRate, outputRate, frequencyHz));
  const passband = tones.filter((tone) => tone.frequencyHz <= passbandEdgeHz);
  return {
    inputRate,
    outputRate,
    passbandEdgeHz,
    passbandRippleDb: Math.max(...passband.map((tone) => Math.abs(tone.gainDb))),
    stopbandAttenuationDb: -Math.max(...tones.map((tone) => tone.spuriousDb)),
    tones,
  };
}
