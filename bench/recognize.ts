/**
 * What the offline-engine benchmarks share: one pocketsphinx process over a whole stream (as in a call),
 * and the peer model every section compares against.
 */
import path from 'node:path';
import { DEBIAN_MODEL_ROOT, PocketsphinxRecognizer, type RecognizerModel } from '@receptionist/engine/local';

/** Feeds one stream (utterances separated by silence) and returns every line pocketsphinx printed. */
export async function recognizeStream(model: RecognizerModel, stream: Int16Array[]): Promise<string[]> {
  const heard: string[] = [];
  let failure: Error | undefined;
  const recognizer = new PocketsphinxRecognizer(model, {
    onHypothesis: (text) => heard.push(text),
    onExit: (error) => {
      failure = error;
    },
  });
  for (const samples of stream) recognizer.write(samples);
  await recognizer.close(600_000);
  if (failure) throw failure;
  return heard;
}

/** The peer: Debian's stock general-English model (133k words, wideband cmninit). */
export function stockModel(): RecognizerModel {
  return {
    acousticModelDir: path.join(DEBIAN_MODEL_ROOT, 'en-us'),
    languageModelPath: path.join(DEBIAN_MODEL_ROOT, 'en-us.lm.bin'),
    dictionaryPath: path.join(DEBIAN_MODEL_ROOT, 'cmudict-en-us.dict'),
    vocabularySize: 0,
    vocabulary: [],
  };
}
