import { transcribeRecording } from '@receptionist/engine/speech';

/** Turns a recording into text; '' when nothing was heard. A port, so tests and other recognisers fit. */
export type Transcriber = (wav: Uint8Array) => Promise<string>;

/** The offline recogniser (pocketsphinx) the local engine uses; needs no key and no network. */
export function createLocalTranscriber(options: { cacheDir?: string | undefined } = {}): Transcriber {
  return (wav) => transcribeRecording(wav, { cacheDir: options.cacheDir });
}
