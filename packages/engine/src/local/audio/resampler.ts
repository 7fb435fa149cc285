/**
 * Streaming band-limited rational resampler (polyphase windowed-sinc FIR).
 * Used until @receptionist/audio's resampler lands. Linear interpolation is not an option here:
 * images above 4 kHz wreck pocketsphinx on phone audio (66 % WER vs 4 % with a FIR, research/offline-speech.md).
 */

const TAPS_PER_PHASE = 32;

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 30; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
  }
  return sum;
}

/** A Kaiser-windowed sinc low-pass at the upsampled rate, scaled by `up` so the gain stays 1. */
function designFilter(up: number, down: number): Float32Array {
  const length = TAPS_PER_PHASE * up;
  const cutoff = 0.46 / Math.max(up, down);
  const beta = 8.6; // ≈ 85 dB stopband
  const centre = (length - 1) / 2;
  const coefficients = new Float32Array(length);
  for (let n = 0; n < length; n++) {
    const offset = n - centre;
    const sinc = offset === 0 ? 1 : Math.sin(2 * Math.PI * cutoff * offset) / (Math.PI * offset * 2 * cutoff);
    const ratio = (2 * n) / (length - 1) - 1;
    const window = besselI0(beta * Math.sqrt(Math.max(0, 1 - ratio * ratio))) / besselI0(beta);
    coefficients[n] = up * 2 * cutoff * sinc * window;
  }
  return coefficients;
}

export class StreamingResampler {
  readonly inputRate: number;
  readonly outputRate: number;
  readonly #up: number;
  readonly #down: number;
  readonly #filter: Float32Array;
  /** Input history: the last TAPS_PER_PHASE samples before `#pending` plus the pending ones. */
  #history = new Float32Array(TAPS_PER_PHASE);
  /** Count of input samples consumed so far, and the next output sample's index. */
  #inputCount = 0;
  #outputIndex = 0;

  constructor(inputRate: number, outputRate: number) {
    const divisor = greatestCommonDivisor(inputRate, outputRate);
    this.inputRate = inputRate;
    this.outputRate = outputRate;
    this.#up = outputRate / divisor;
    this.#down = inputRate / divisor;
    this.#filter =
      this.#up === 1 && this.#down === 1 ? new Float32Array([1]) : designFilter(this.#up, this.#down);
  }

  /** Resamples one chunk; chunk boundaries do not change the output (state is carried over). */
  process(input: Int16Array): Int16Array {
    if (this.#up === 1 && this.#down === 1) return input.slice();
    const historyLength = this.#history.length;
    const buffer = new Float32Array(historyLength + input.length);
    buffer.set(this.#history, 0);
    for (let i = 0; i < input.length; i++) buffer[historyLength + i] = input[i]!;
    const bufferStart = this.#inputCount - historyLength; // global index of buffer[0]
    this.#inputCount += input.length;

    const output: number[] = [];
    for (;;) {
      const position = this.#outputIndex * this.#down;
      const newest = Math.floor(position / this.#up);
      if (newest >= this.#inputCount) break;
      const phase = position - newest * this.#up;
      let sum = 0;
      for (let tap = 0; tap < TAPS_PER_PHASE; tap++) {
        const bufferIndex = newest - tap - bufferStart;
        if (bufferIndex < 0) break;
        sum += this.#filter[phase + tap * this.#up]! * buffer[bufferIndex]!;
      }
      output.push(sum > 32767 ? 32767 : sum < -32768 ? -32768 : Math.round(sum));
      this.#outputIndex++;
    }
    this.#history = buffer.slice(buffer.length - historyLength);
    return Int16Array.from(output);
  }
}
