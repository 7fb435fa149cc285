import { spawn } from 'node:child_process';
import { LocalEngineError } from '../errors.ts';
import { espeakVoiceFor } from '../languages.ts';

/** Text to 16-bit mono PCM, streamed in chunks as the synthesiser produces them. */
export interface SpeechSynthesizer {
  readonly name: string;
  readonly sampleRate: number;
  synthesize(text: string, signal: AbortSignal): AsyncIterable<Int16Array>;
}

export type VoiceName = 'slt' | 'rms' | 'awb' | 'kal16' | 'espeak';

/** Finds the end of a RIFF/WAVE header (the start of the `data` chunk's samples). */
function wavDataOffset(bytes: Uint8Array): number | undefined {
  if (bytes.length < 12) return undefined;
  let offset = 12;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  while (offset + 8 <= bytes.length) {
    const id = String.fromCharCode(...bytes.subarray(offset, offset + 4));
    if (id === 'data') return offset + 8;
    offset += 8 + view.getUint32(offset + 4, true);
  }
  return undefined;
}

/**
 * Runs a synthesiser CLI that writes a WAV to stdout and yields its samples. espeak-ng streams
 * (the header says size 0x7fffffff); flite writes the whole file at the end.
 */
async function* runWavCommand(
  command: string,
  args: string[],
  signal: AbortSignal,
): AsyncGenerator<Int16Array> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const abort = (): void => {
    child.kill('SIGKILL');
  };
  signal.addEventListener('abort', abort, { once: true });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', (error) =>
      reject(new LocalEngineError('speech_failed', `could not run ${command}`, { cause: error })),
    );
    child.once('close', (code) => resolve(code));
  });
  exited.catch(() => undefined);
  child.stderr.resume();
  let header: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  let dataStarted = false;
  let carry: number | undefined;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      if (signal.aborted) return;
      let bytes: Uint8Array = chunk;
      if (!dataStarted) {
        const joined = new Uint8Array(header.length + bytes.length);
        joined.set(header, 0);
        joined.set(bytes, header.length);
        const offset = wavDataOffset(joined);
        if (offset === undefined || offset > joined.length) {
          header = joined;
          continue;
        }
        dataStarted = true;
        bytes = joined.subarray(offset);
      }
      if (carry !== undefined) {
        const withCarry = new Uint8Array(bytes.length + 1);
        withCarry[0] = carry;
        withCarry.set(bytes, 1);
        bytes = withCarry;
        carry = undefined;
      }
      if (bytes.length % 2 === 1) {
        carry = bytes[bytes.length - 1];
        bytes = bytes.subarray(0, bytes.length - 1);
      }
      if (bytes.length === 0) continue;
      const samples = new Int16Array(bytes.length / 2);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true);
      yield samples;
    }
    const code = await exited;
    if (code !== 0 && !signal.aborted) {
      throw new LocalEngineError('speech_failed', `${command} exited with code ${code}`);
    }
  } finally {
    signal.removeEventListener('abort', abort);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** flite (Debian): clearer than espeak-ng, ~80 ms per sentence with `slt`, 16 kHz. */
export function createFliteSynthesizer(voice: Exclude<VoiceName, 'espeak'> = 'slt'): SpeechSynthesizer {
  return {
    name: `flite-${voice}`,
    sampleRate: 16000,
    // flite fopen()s its output path, which fails on the socketpair Node gives a child as stdout:
    // `| cat` turns it into a pipe (the same trick as pocketsphinx's stdin).
    synthesize: (text, signal) =>
      runWavCommand(
        'sh',
        ['-c', 'flite -voice "$1" -t "$2" -o /dev/stdout | cat', 'flite', voice, text],
        signal,
      ),
  };
}

/** espeak-ng (Debian): streams from ~30 ms, robotic, 22.05 kHz; `espeakVoice` picks its language. */
export function createEspeakSynthesizer(espeakVoice = 'en-us'): SpeechSynthesizer {
  return {
    name: espeakVoice === 'en-us' ? 'espeak-ng' : `espeak-ng-${espeakVoice}`,
    sampleRate: 22050,
    synthesize: (text, signal) =>
      runWavCommand('espeak-ng', ['--stdout', '-v', espeakVoice, '-s', '165', '--', text], signal),
  };
}

/**
 * The synthesiser for a call: flite speaks English only, so a call in another language gets espeak-ng's
 * voice for it (see languages.ts); English calls keep the configured voice.
 */
export function createSynthesizer(
  voice: string | undefined,
  language?: string | undefined,
): SpeechSynthesizer {
  const espeakVoice = espeakVoiceFor(language);
  if (espeakVoice !== undefined && espeakVoice !== 'en-us') return createEspeakSynthesizer(espeakVoice);
  if (voice === 'espeak' || voice === 'espeak-ng') return createEspeakSynthesizer();
  if (voice === 'rms' || voice === 'awb' || voice === 'kal16' || voice === 'slt')
    return createFliteSynthesizer(voice);
  return createFliteSynthesizer('slt');
}
