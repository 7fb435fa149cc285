import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusinessBrief } from '../../engine.ts';
import { PHONE_AUDIO } from '../../engine.ts';
import { CallerAudioDecoder } from '../audio/convert.ts';
import { type CallerVoice, silence, speakAsCaller, throughPhoneChannel } from '../testing/caller-audio.ts';
import { DEBIAN_MODEL_ROOT, prepareRecognizerModel } from './model-files.ts';
import { PocketsphinxRecognizer } from './pocketsphinx.ts';

const brief: BusinessBrief = {
  name: 'Bright Smile Dental',
  timeZone: 'America/New_York',
  services: [
    { id: 'svc_cleaning', name: 'Cleaning', durationMinutes: 30 },
    { id: 'svc_whitening', name: 'Teeth Whitening', durationMinutes: 60 },
  ],
  transferDestinations: [{ id: 'dst_front', name: 'Front desk' }],
  vocabulary: ['Dr. Patel'],
};

let cacheDir: string;
beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'local-engine-stt-'));
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

function wordErrors(reference: string, hypothesis: string): number {
  const a = reference.split(' ');
  const b = hypothesis.split(' ').filter(Boolean);
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

describe('pocketsphinx with the generated domain model', () => {
  it('builds a language model whose vocabulary covers the business and receptionist words', async () => {
    const model = await prepareRecognizerModel(brief, 'phone', { cacheDir });
    for (const word of [
      'bright',
      'smile',
      'dental',
      'cleaning',
      'whitening',
      'patel',
      'tuesday',
      'thirty',
      'cancel',
    ]) {
      expect(model.vocabulary).toContain(word);
    }
    // Phone calls load the phone-adapted means; wideband audio (the browser) Debian's model as it ships.
    expect(await readFile(path.join(model.acousticModelDir, 'means'))).toEqual(
      await readFile(new URL('./phone-channel.means', import.meta.url)),
    );
    const wideband = await prepareRecognizerModel(brief, 'wideband', { cacheDir });
    expect(await realpath(path.join(wideband.acousticModelDir, 'means'))).toBe(
      await realpath(path.join(DEBIAN_MODEL_ROOT, 'en-us', 'means')),
    );
  });

  /** Speaks each utterance over the phone line into one recognizer, as in a call; returns its lines. */
  async function hearOverThePhone(utterances: string[], voice: CallerVoice): Promise<string[]> {
    const model = await prepareRecognizerModel(brief, 'phone', { cacheDir });
    const heard: string[] = [];
    let exitError: unknown;
    const recognizer = new PocketsphinxRecognizer(model, {
      onHypothesis: (text) => heard.push(text),
      onExit: (error) => {
        exitError = error;
      },
    });
    try {
      const decoder = new CallerAudioDecoder(PHONE_AUDIO);
      // Faster than real time is fine: pocketsphinx endpoints on audio time, not wall time.
      recognizer.write(decoder.decode(silence('mulaw', 1000)));
      for (const utterance of utterances) {
        recognizer.write(decoder.decode(await throughPhoneChannel(await speakAsCaller(utterance, voice))));
        recognizer.write(decoder.decode(silence('mulaw', 1500)));
      }
      await expect.poll(() => heard.length, { timeout: 30_000, interval: 100 }).toBe(utterances.length);
    } finally {
      await recognizer.close();
    }
    expect(exitError).toBeUndefined();
    return heard;
  }

  it('transcribes flite speech sent through a phone channel, one line per utterance', async () => {
    const utterances = [
      'i would like to book a cleaning on tuesday at two p m',
      'my name is john smith',
      'can i talk to a person',
    ];
    const heard = await hearOverThePhone(utterances, 'rms');
    const errors = utterances.reduce(
      (sum, utterance, index) => sum + wordErrors(utterance, heard[index] ?? ''),
      0,
    );
    const words = utterances.join(' ').split(' ').length;
    // Measured 0 errors here; allow a little slack for a different pocketsphinx build.
    expect(errors / words).toBeLessThanOrEqual(0.1);
  });

  it('hears the /s/ and /f/ of ordinals a higher voice loses on the phone line (the phone-adapted means)', async () => {
    // Without the transform this voice's line read "june the", "march the thirteenth", "april twenty
    // eighth", "november third".
    const dates = ['june sixth', 'march sixteenth', 'april twenty sixth', 'november first'];
    expect(await hearOverThePhone(dates, 'slt')).toEqual(dates);
  });
});
