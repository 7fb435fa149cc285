import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE_AUDIO } from '../../engine.ts';
import { CallerAudioDecoder } from '../audio/convert.ts';
import type { TurnAudio } from '../audio/recent-audio.ts';
import { type CallerVoice, silence, speakAsCaller, throughPhoneChannel } from '../testing/caller-audio.ts';
import { DENTAL_PRACTICE_BRIEF } from '../testing/dental-brief.ts';
import { prepareRecognizerModel, type RecognizerModel } from './model-files.ts';
import { withNameGrammar } from './name-grammar.ts';
import { latestTurnWords, rehear } from './rehear.ts';

describe('latestTurnWords', () => {
  it('keeps the words placed at or after the latest turn, without silences and pronunciation marks', () => {
    const output = [
      'i am juan white',
      '<sil> 0.080 0.410 1.000000',
      'i 0.420 0.600 1.000000',
      'juan 0.610 0.790 1.000000',
      'my name is paul myers',
      '<sil> 2.950 3.050 1.000000',
      'my 3.060 3.190 1.000000',
      'name 3.200 3.460 1.000000',
      'is 3.470 3.590 1.000000',
      'paul 3.600 3.940 1.000000',
      'myers(2) 3.950 4.510 1.000000',
      '[NOISE] 4.520 4.600 1.000000',
      '<sil> 4.600 4.820 1.000000',
    ].join('\n');
    expect(latestTurnWords(output, 2.5)).toBe('my name is paul myers');
    expect(latestTurnWords(output, 5)).toBeUndefined();
  });
});

let cacheDir: string;
let model: RecognizerModel;
beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'local-engine-rehear-'));
  model = await prepareRecognizerModel(DENTAL_PRACTICE_BRIEF, 'phone', { cacheDir });
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

/** A caller's turn before, then the name line, as the call's recent audio hands them over (16 kHz). */
async function nameTurn(voice: CallerVoice, line: string): Promise<TurnAudio> {
  const decoder = new CallerAudioDecoder(PHONE_AUDIO);
  const before = [
    decoder.decode(await throughPhoneChannel(await speakAsCaller('i would like to leave a message', voice))),
    decoder.decode(silence('mulaw', 2000)),
  ];
  const latestFrom = before.reduce((sum, part) => sum + part.length, 0);
  const parts = [
    ...before,
    decoder.decode(await throughPhoneChannel(await speakAsCaller(line, voice))),
    decoder.decode(silence('mulaw', 500)),
  ];
  const samples = new Int16Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    samples.set(part, offset);
    offset += part.length;
  }
  // The boundary sits in the silence between the turns, where the live recogniser's hypothesis came.
  return { samples, latestTurnStartsAtSeconds: (latestFrom - 16_000) / 16_000 };
}

describe('rehear with the names grammar', () => {
  // Lines the business's language model mishears on the phone line with these voices ("mark ten thirty",
  // "paul my arm", "edward", "donna ramos"): the grammar has only names to choose from.
  it.each([
    ['espeak:m3', 'my name is mark sanders'],
    ['espeak:m3', 'my name is paul myers'],
    ['awb', 'my name is eric wood'],
    ['awb', 'my name is donna ross'],
  ] as const)('hears %s saying "%s"', async (voice, line) => {
    const audio = await nameTurn(voice, line);
    const heard = await withNameGrammar(model, {}, (grammar) => rehear(model, audio, grammar));
    expect(heard).toBe(line);
  });

  it('never hears a name the caller said was wrong', async () => {
    const audio = await nameTurn('espeak:m3', 'my name is mark sanders');
    const heard = await withNameGrammar(model, { exclude: ['mark sanders'] }, (grammar) =>
      rehear(model, audio, grammar),
    );
    expect(heard).toMatch(/^my name is [a-z]+ [a-z]+$/);
    expect(heard).not.toBe('my name is mark sanders');
  });
});
