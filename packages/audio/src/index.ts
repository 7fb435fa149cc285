export { AudioError, type AudioErrorCode, InvalidAudioArgumentError, WavError } from './errors.ts';
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
export { clampToPcm16, float32ToPcm16, pcm16FromBytesLE, pcm16ToBytesLE, pcm16ToFloat32 } from './pcm.ts';
export {
  measureResamplerResponse,
  type ResamplerResponse,
  type ToneResponse,
} from './resample/frequency-response.ts';
export { resample } from './resample/resample.ts';
export { Resampler, type ResamplerOptions, type SampleFormat, type SamplesOf } from './resample/resampler.ts';
