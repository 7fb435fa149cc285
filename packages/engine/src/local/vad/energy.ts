import type { SpeechProbabilityModel } from './speech-model.ts';

/**
 * Fallback when onnxruntime cannot load: frame energy against an adaptive noise floor.
 * Good for stationary line noise, weak against babble (research/offline-speech.md §3).
 */
export class EnergyModel implements SpeechProbabilityModel {
  readonly name = 'energy';
  readonly frameSamples = 512;
  readonly #marginDb: number;
  readonly #minimumDbfs: number;
  #noiseFloorDbfs = -60;

  constructor(options: { marginDb?: number; minimumDbfs?: number } = {}) {
    this.#marginDb = options.marginDb ?? 12;
    this.#minimumDbfs = options.minimumDbfs ?? -45;
  }

  async probability(frame: Float32Array): Promise<number> {
    let sumOfSquares = 0;
    for (const sample of frame) sumOfSquares += sample * sample;
    const rms = Math.sqrt(sumOfSquares / Math.max(1, frame.length));
    const dbfs = 20 * Math.log10(Math.max(rms, 1e-9));
    const isSpeech = dbfs > Math.max(this.#noiseFloorDbfs + this.#marginDb, this.#minimumDbfs);
    // The floor falls fast and rises slowly, so speech does not drag it up.
    const rate = dbfs < this.#noiseFloorDbfs ? 0.5 : isSpeech ? 0.002 : 0.05;
    this.#noiseFloorDbfs += (dbfs - this.#noiseFloorDbfs) * rate;
    return isSpeech ? 1 : 0;
  }

  async close(): Promise<void> {}
}
