import type { AudioFormat } from '../engine.ts';
import { AgentAudioEncoder } from './audio/convert.ts';
import { splitSentences } from './tts/sentences.ts';
import { SpeechCache, sharedSpeechCache } from './tts/speech-cache.ts';
import type { SpeechSynthesizer } from './tts/synthesizer.ts';

export interface SpokenReply {
  /** performance.now() when the first audio byte was handed over, if any was. */
  firstAudioAt: number | undefined;
  /** The text actually synthesised (whole sentences), for the agent transcript. */
  spokenText: string;
  interrupted: boolean;
}

/**
 * Speaks one reply sentence by sentence: the first sentence's audio goes out while later ones are still
 * text, which is what keeps first audio near the synthesiser's per-sentence time (~80 ms with flite slt).
 * Aborting `signal` (barge-in) stops at the next chunk.
 */
export async function speakReply(
  synthesizer: SpeechSynthesizer,
  format: AudioFormat,
  text: string,
  signal: AbortSignal,
  emitAudio: (audio: Uint8Array) => void,
  cache: SpeechCache = sharedSpeechCache,
): Promise<SpokenReply> {
  let firstAudioAt: number | undefined;
  const spoken: string[] = [];
  const emit = (audio: Uint8Array): void => {
    if (audio.byteLength === 0 || signal.aborted) return;
    firstAudioAt ??= performance.now();
    emitAudio(audio);
  };
  for (const sentence of splitSentences(text)) {
    if (signal.aborted) break;
    const encoder = new AgentAudioEncoder(format, synthesizer.sampleRate);
    const key = SpeechCache.key(synthesizer, sentence);
    const cached = cache.get(key);
    if (cached) {
      emit(encoder.encode(cached));
    } else {
      const chunks: Int16Array[] = [];
      for await (const samples of synthesizer.synthesize(sentence, signal)) {
        chunks.push(samples);
        emit(encoder.encode(samples));
      }
      if (signal.aborted) break;
      cache.set(key, concatenate(chunks));
    }
    if (signal.aborted) break;
    emit(encoder.flush());
    spoken.push(sentence);
  }
  return { firstAudioAt, spokenText: spoken.join(' '), interrupted: signal.aborted };
}

function concatenate(chunks: Int16Array[]): Int16Array {
  const joined = new Int16Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}
