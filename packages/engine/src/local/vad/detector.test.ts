import { describe, expect, it } from 'vitest';
import { speakAsCaller } from '../testing/caller-audio.ts';
import { VoiceActivityDetector } from './detector.ts';
import { EnergyModel } from './energy.ts';
import { SileroModel } from './silero.ts';
import type { SpeechProbabilityModel } from './speech-model.ts';

async function segments(model: SpeechProbabilityModel, audio: Int16Array[]) {
  const events: Array<{ type: 'start' | 'end'; atMs: number }> = [];
  const errors: unknown[] = [];
  const detector = new VoiceActivityDetector(model, {
    onSpeechStart: (atMs) => events.push({ type: 'start', atMs }),
    onSpeechEnd: (atMs) => events.push({ type: 'end', atMs }),
    onError: (error) => errors.push(error),
  });
  for (const chunk of audio) await detector.push(chunk);
  await detector.close();
  expect(errors).toEqual([]);
  return events;
}

const silence = (ms: number): Int16Array => new Int16Array(16 * ms);

describe.each([
  ['silero', () => SileroModel.load()],
  ['energy', async () => new EnergyModel()],
])('VoiceActivityDetector with the %s model', (_name, load) => {
  it('finds each utterance once, starting near where the speech starts', async () => {
    const first = await speakAsCaller('i would like to book an appointment');
    const second = await speakAsCaller('my name is john smith');
    const events = await segments(await load(), [silence(1000), first, silence(1500), second, silence(1500)]);
    expect(events.map((event) => event.type)).toEqual(['start', 'end', 'start', 'end']);
    const firstMs = (first.length / 16000) * 1000;
    // Starts within the utterance (flite adds a short silent lead-in), ends before the gap is over.
    expect(events[0]?.atMs).toBeGreaterThanOrEqual(1000 - 32);
    expect(events[0]?.atMs).toBeLessThan(1000 + 400);
    expect(events[1]?.atMs).toBeLessThanOrEqual(1000 + firstMs + 32);
    expect(events[2]?.atMs).toBeGreaterThanOrEqual(1000 + firstMs + 1500 - 32);
  });

  it('stays quiet on silence', async () => {
    expect(await segments(await load(), [silence(3000)])).toEqual([]);
  });
});
