import type { SpeechSynthesizer } from './synthesizer.ts';

/**
 * Synthesised sentences kept in memory, least recently used out first. Most of the receptionist's
 * sentences are fixed prompts ("May I have your name, please?"), and a synthesiser process costs
 * 30–100 ms idle but over a second on a loaded 2-core machine: a cached sentence starts at once.
 */
export class SpeechCache {
  readonly #entries = new Map<string, Int16Array>();
  readonly #maxSamples: number;
  #samples = 0;

  constructor(maxSamples = 16_000 * 60 * 10) {
    this.#maxSamples = maxSamples;
  }

  static key(synthesizer: SpeechSynthesizer, sentence: string): string {
    return `${synthesizer.name}\n${sentence}`;
  }

  get(key: string): Int16Array | undefined {
    const samples = this.#entries.get(key);
    if (samples) {
      this.#entries.delete(key);
      this.#entries.set(key, samples);
    }
    return samples;
  }

  set(key: string, samples: Int16Array): void {
    if (samples.length > this.#maxSamples) return;
    const previous = this.#entries.get(key);
    if (previous) this.#samples -= previous.length;
    this.#entries.set(key, samples);
    this.#samples += samples.length;
    for (const [oldest, value] of this.#entries) {
      if (this.#samples <= this.#maxSamples) break;
      this.#entries.delete(oldest);
      this.#samples -= value.length;
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** One cache per process, shared by every call and engine instance. */
export const sharedSpeechCache = new SpeechCache();

/** Synthesises a whole sentence into the cache (used to warm fixed prompts in the background). */
export async function warmSentence(
  synthesizer: SpeechSynthesizer,
  sentence: string,
  cache: SpeechCache = sharedSpeechCache,
): Promise<void> {
  const key = SpeechCache.key(synthesizer, sentence);
  if (cache.get(key)) return;
  const chunks: Int16Array[] = [];
  for await (const chunk of synthesizer.synthesize(sentence, new AbortController().signal))
    chunks.push(chunk);
  const samples = new Int16Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    samples.set(chunk, offset);
    offset += chunk.length;
  }
  cache.set(key, samples);
}
