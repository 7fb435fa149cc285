import { RECOGNIZER_SAMPLE_RATE } from './convert.ts';

/** How much caller audio is kept: two caller turns and the agent's question between them fit. */
const KEPT_MS = 30_000;

/** A stretch of the caller's stream: its samples, and where in them the latest turn begins. */
export interface TurnAudio {
  samples: Int16Array;
  /** Seconds into `samples` where the latest turn's audio starts (the turn before it comes first). */
  latestTurnStartsAtSeconds: number;
}

/**
 * The last half minute of the caller's 16 kHz stream, and where each caller turn ended, so the latest
 * turn can be decoded a second time. The turn before it is handed over too: a decoder started afresh
 * hears its first utterance through the model's initial cepstral mean, and a turn of the same caller on
 * the same line first brings that mean to where the live recogniser's is.
 */
export class RecentAudio {
  readonly #chunks: Int16Array[] = [];
  /** Stream position (samples) of the first kept chunk's first sample. */
  #keptFrom = 0;
  #streamSamples = 0;
  #keptSamples = 0;
  /** Stream positions where the last turns were heard to end (newest last). */
  #turnEnds: number[] = [];

  push(samples: Int16Array): void {
    this.#chunks.push(samples);
    this.#streamSamples += samples.length;
    this.#keptSamples += samples.length;
    const limit = (KEPT_MS / 1000) * RECOGNIZER_SAMPLE_RATE;
    while (this.#keptSamples - (this.#chunks[0]?.length ?? 0) >= limit) {
      const dropped = this.#chunks.shift();
      if (dropped === undefined) break;
      this.#keptFrom += dropped.length;
      this.#keptSamples -= dropped.length;
    }
  }

  /**
   * A turn was heard: returns where the audio of it and of the turn before it lie in the stream (to be
   * read with `read`), and marks the turn's end.
   */
  endTurn(): { from: number; latestFrom: number; to: number } {
    const to = this.#streamSamples;
    const latestFrom = this.#turnEnds.at(-1) ?? 0;
    const from = this.#turnEnds.at(-2) ?? 0;
    this.#turnEnds = [...this.#turnEnds.slice(-1), to];
    return { from, latestFrom, to };
  }

  /** The stream between two positions, as far as it is still kept; undefined when none of it is. */
  read(span: { from: number; latestFrom: number; to: number }): TurnAudio | undefined {
    const from = Math.max(span.from, this.#keptFrom);
    const to = Math.min(span.to, this.#streamSamples);
    if (to <= Math.max(from, span.latestFrom)) return undefined;
    const samples = new Int16Array(to - from);
    let position = this.#keptFrom;
    for (const chunk of this.#chunks) {
      const start = Math.max(from, position);
      const end = Math.min(to, position + chunk.length);
      if (end > start) samples.set(chunk.subarray(start - position, end - position), start - from);
      position += chunk.length;
      if (position >= to) break;
    }
    return {
      samples,
      latestTurnStartsAtSeconds: Math.max(0, span.latestFrom - from) / RECOGNIZER_SAMPLE_RATE,
    };
  }
}
