/** Something that scores one frame of 16 kHz audio with a speech probability in [0, 1]. */
export interface SpeechProbabilityModel {
  readonly name: string;
  /** Samples per frame at 16 kHz. */
  readonly frameSamples: number;
  probability(frame: Float32Array): Promise<number>;
  close(): Promise<void>;
}
