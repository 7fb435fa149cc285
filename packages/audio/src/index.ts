export { AudioError, type AudioErrorCode, InvalidAudioArgumentError, WavError } from './errors.ts';
export {
  FrameSplitter,
  frameBytesFor,
  MULAW_8K_BYTES_PER_MS,
  TWILIO_FRAME_BYTES,
  TWILIO_FRAME_MS,
} from './frame-splitter.ts';
export {
  ALAW_SILENCE,
  alawDecode,
  alawDecodeSample,
  alawEncode,
  alawEncodeSample,
} from './g711/alaw.ts';
export {
  MULAW_SILENCE,
  mulawDecode,
  mulawDecodeSample,
  mulawEncode,
  mulawEncodeSample,
} from './g711/mulaw.ts';
export { dbfs, rms, rmsToDbfs, SILENCE_DBFS } from './level.ts';
export { clampToPcm16, float32ToPcm16, pcm16FromBytesLE, pcm16ToBytesLE, pcm16ToFloat32 } from './pcm.ts';
export {
  measureResamplerResponse,
  type ResamplerResponse,
  type ToneResponse,
} from './resample/frequency-response.ts';
export { resample } from './resample/resample.ts';
export { Resampler, type ResamplerOptions, type SampleFormat, type SamplesOf } from './resample/resampler.ts';
export { type EventMap, type Listenable, TypedEmitter } from './typed-emitter.ts';
export {
  DEFAULT_HANGOVER_MS,
  DEFAULT_MIN_SPEECH_MS,
  DEFAULT_VAD_FRAME_MS,
  EnergyVad,
  type EnergyVadOptions,
  type VadEvent,
  type VadThreshold,
} from './vad/energy-vad.ts';
export { parseWavHeader } from './wav/parse-header.ts';
export { decodeWavData, readWav, type WavAudio } from './wav/read-wav.ts';
export type { WavEncoding, WavFormat, WavHeader } from './wav/wav-format.ts';
export { WavStreamReader } from './wav/wav-stream-reader.ts';
export { type WriteWavOptions, wrapWavData, writeWav } from './wav/write-wav.ts';
