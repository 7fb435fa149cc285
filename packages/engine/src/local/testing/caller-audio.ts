import { spawn } from 'node:child_process';
import { mulawDecode, mulawEncode, pcm16FromBytesLE, pcm16ToBytesLE, Resampler } from '@receptionist/audio';

/**
 * Caller speech for tests and benchmarks, made at run time: flite (pocketsphinx recognises it; espeak-ng
 * it does not) → optionally a phone channel (300–3400 Hz band-limit, 8 kHz, G.711 μ-law, via sox).
 * Nothing here fakes our own code: it plays the part of a person on a phone.
 */

function run(command: string, args: string[], input?: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(Buffer.concat(chunks));
      else reject(new Error(`${command} exited with ${code}: ${Buffer.concat(errors).toString()}`));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** flite voices, and espeak-ng's American English with a variant (`espeak:m3` is `-v en-us+m3`). */
export type CallerVoice = 'slt' | 'rms' | 'awb' | 'kal16' | `espeak:${string}`;

/** 16 kHz mono PCM16 of `text` spoken by a flite or espeak-ng voice (no channel effects). */
export async function speakAsCaller(text: string, voice: CallerVoice = 'rms'): Promise<Int16Array> {
  const wav = voice.startsWith('espeak:')
    ? await run('espeak-ng', ['-v', `en-us+${voice.slice('espeak:'.length)}`, '-s', '160', '--stdout', text])
    : await run('sh', ['-c', 'flite -voice "$1" -t "$2" -o /dev/stdout | cat', 'flite', voice, text]);
  const raw = await run(
    'sox',
    // -R: sox dithers with a fresh random seed on every run (espeak-ng's 22 kHz is resampled here), so the
    // same line differed from run to run and a borderline word (slt's "yes" as "ten") came and went.
    ['-R', '-t', 'wav', '-', '-t', 'raw', '-r', '16000', '-e', 'signed-integer', '-b', '16', '-c', '1', '-'],
    wav,
  );
  return pcm16FromBytesLE(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength));
}

/** The same speech after a phone line: band-limited 300–3400 Hz, 8 kHz G.711 μ-law bytes. */
export async function throughPhoneChannel(speech16k: Int16Array): Promise<Uint8Array> {
  const raw = await run(
    'sox',
    [
      // Repeatable dither: the same line makes the same μ-law bytes on every run (see speakAsCaller).
      '-R',
      '-t',
      'raw',
      '-r',
      '16000',
      '-e',
      'signed-integer',
      '-b',
      '16',
      '-c',
      '1',
      '-',
      '-t',
      'raw',
      '-r',
      '8000',
      '-e',
      'mu-law',
      '-b',
      '8',
      '-c',
      '1',
      '-',
      'sinc',
      '300-3400',
    ],
    pcm16ToBytesLE(speech16k),
  );
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
}

/** The same speech as a browser sends it: PCM16 little-endian 24 kHz. */
export function asBrowserAudio(speech16k: Int16Array): Uint8Array {
  const resampler = new Resampler({ inputRate: 16000, outputRate: 24000 });
  const samples = new Int16Array([...resampler.process(speech16k), ...resampler.flush()]);
  return pcm16ToBytesLE(samples);
}

/** Silence in a wire format. */
export function silence(encoding: 'mulaw' | 'pcm16', durationMs: number): Uint8Array {
  if (encoding === 'mulaw') return mulawEncode(new Int16Array(8 * durationMs));
  return new Uint8Array(24 * durationMs * 2);
}

/** μ-law back to 16 kHz PCM (for scoring what the recognizer heard against a clean reference). */
export function phoneToPcm16k(mulaw: Uint8Array): Int16Array {
  const resampler = new Resampler({ inputRate: 8000, outputRate: 16000 });
  return new Int16Array([...resampler.process(mulawDecode(mulaw)), ...resampler.flush()]);
}

/**
 * Feeds wire audio to `push` in 20 ms frames paced like a real line (`speed` 1 = real time), resolving
 * when done. Pacing matters: pocketsphinx and the VAD endpoint on audio time, and the benchmark measures
 * latency from the moment the last speech frame arrives.
 */
export async function playPaced(
  audio: Uint8Array,
  bytesPerMs: number,
  push: (frame: Uint8Array) => void,
  speed = 1,
): Promise<void> {
  const frameBytes = 20 * bytesPerMs;
  const started = performance.now();
  for (let offset = 0, frame = 0; offset < audio.length; offset += frameBytes, frame++) {
    push(audio.subarray(offset, Math.min(offset + frameBytes, audio.length)));
    const due = started + ((frame + 1) * 20) / speed;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
