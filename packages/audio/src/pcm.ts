/**
 * PCM16 ⇄ Float32 and PCM16 ⇄ little-endian bytes. Wire formats (Twilio, the browser socket, WAV) are
 * little-endian; typed arrays use the host's byte order, so the byte helpers never assume the host is LE.
 */
import { InvalidAudioArgumentError } from './errors.ts';

const PCM16_SCALE = 32768;

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** PCM16 → Float32 in [-1, 1): divides by 32768, the convention Web Audio and ONNX models use. */
export function pcm16ToFloat32(pcm: Int16Array, out?: Float32Array): Float32Array {
  const result = out ?? new Float32Array(pcm.length);
  checkSameLength(pcm.length, result.length);
  for (let i = 0; i < pcm.length; i++) result[i] = pcm[i]! / PCM16_SCALE;
  return result;
}

/** Float32 → PCM16: scales by 32768, rounds to nearest, clips to [-32768, 32767]; NaN becomes 0. */
export function float32ToPcm16(samples: Float32Array, out?: Int16Array): Int16Array {
  const result = out ?? new Int16Array(samples.length);
  checkSameLength(samples.length, result.length);
  for (let i = 0; i < samples.length; i++) result[i] = clampToPcm16(samples[i]! * PCM16_SCALE);
  return result;
}

/** Rounds a sample already in PCM16 units and clips it into range (NaN → 0). */
export function clampToPcm16(value: number): number {
  if (value >= 32767) return 32767;
  if (value <= -32768) return -32768;
  return Math.round(value) | 0;
}

/**
 * Little-endian PCM16 bytes → Int16Array. Always copies, so the result never aliases a pooled Node
 * Buffer, and works whatever the byte offset. Throws on an odd byte count (half a sample).
 */
export function pcm16FromBytesLE(bytes: Uint8Array): Int16Array {
  if (bytes.length % 2 !== 0) {
    throw new InvalidAudioArgumentError(`PCM16 data must have an even byte count, got ${bytes.length}`);
  }
  if (HOST_IS_LITTLE_ENDIAN) return new Int16Array(bytes.slice().buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const result = new Int16Array(bytes.length / 2);
  for (let i = 0; i < result.length; i++) result[i] = view.getInt16(i * 2, true);
  return result;
}

/** Int16Array → little-endian PCM16 bytes (a fresh copy). */
export function pcm16ToBytesLE(pcm: Int16Array): Uint8Array {
  if (HOST_IS_LITTLE_ENDIAN) {
    return new Uint8Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength));
  }
  const result = new Uint8Array(pcm.length * 2);
  const view = new DataView(result.buffer);
  for (let i = 0; i < pcm.length; i++) view.setInt16(i * 2, pcm[i]!, true);
  return result;
}

function checkSameLength(inputLength: number, outputLength: number): void {
  if (inputLength !== outputLength) {
    throw new InvalidAudioArgumentError(
      `output buffer holds ${outputLength} samples but the input has ${inputLength}`,
    );
  }
}
