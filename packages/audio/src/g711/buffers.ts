import { InvalidAudioArgumentError } from '../errors.ts';

/** Whole-buffer codecs write one output sample per input sample; a mismatched `out` is a caller bug. */
export function checkOutputLength(inputLength: number, outputLength: number): void {
  if (inputLength !== outputLength) {
    throw new InvalidAudioArgumentError(
      `output buffer holds ${outputLength} samples but the input has ${inputLength}`,
    );
  }
}
