import { type BusinessBrief, transcribeRecording } from '@receptionist/engine/speech';

/** Words the recogniser should expect in a business's voicemails (its name, services, people). */
export interface TranscriptionHints {
  businessName: string;
  timeZone: string;
  services: string[];
  people: string[];
}

/** Turns a recording into text; '' when nothing was heard. A port, so tests and other recognisers fit. */
export type Transcriber = (wav: Uint8Array, hints?: TranscriptionHints) => Promise<string>;

/**
 * The offline recogniser (pocketsphinx) the local engine uses; needs no key and no network. The business's
 * words shape its language model: measured on a 29 s phone-line voicemail, "my cleaning appointment" came out
 * "michael evening appointment" with a generic model and right with the business's services.
 */
export function createLocalTranscriber(options: { cacheDir?: string | undefined } = {}): Transcriber {
  return (wav, hints) => {
    const brief: BusinessBrief | undefined = hints && {
      name: hints.businessName,
      timeZone: hints.timeZone,
      services: hints.services.map((name, index) => ({ id: `s${index}`, name, durationMinutes: 30 })),
      transferDestinations: [],
      vocabulary: hints.people,
    };
    return transcribeRecording(wav, { cacheDir: options.cacheDir, brief });
  };
}
