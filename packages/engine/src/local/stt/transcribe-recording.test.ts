import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mulawDecode, writeWav } from '@receptionist/audio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silence, speakAsCaller, throughPhoneChannel } from '../testing/caller-audio.ts';
import { transcribeRecording } from './transcribe-recording.ts';

let cacheDir: string;
beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'transcribe-recording-'));
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

/** A voicemail as Twilio stores one: 8 kHz mono PCM16 WAV of phone-line audio. */
async function voicemailWav(words: string): Promise<Uint8Array> {
  const line = await throughPhoneChannel(await speakAsCaller(words, 'rms'));
  const mulaw = new Uint8Array([...silence('mulaw', 500), ...line, ...silence('mulaw', 800)]);
  return writeWav(mulawDecode(mulaw), { sampleRate: 8_000 });
}

describe('transcribeRecording', () => {
  it('reads the words of a phone-line voicemail', async () => {
    const text = await transcribeRecording(await voicemailWav('please call me back about my cleaning'), {
      cacheDir,
    });
    const heard = new Set(text.split(' '));
    const expected = ['please', 'call', 'me', 'back', 'cleaning'];
    expect(expected.filter((word) => heard.has(word)).length).toBeGreaterThanOrEqual(4);
  });

  it('hears nothing in silence, and refuses bytes that are not a WAV', async () => {
    expect(
      await transcribeRecording(writeWav(new Int16Array(8_000), { sampleRate: 8_000 }), { cacheDir }),
    ).toBe('');
    await expect(transcribeRecording(new Uint8Array([1, 2, 3]), { cacheDir })).rejects.toThrow();
  });
});
