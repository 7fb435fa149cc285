import { mulawDecode } from '@receptionist/audio';
import { afterAll, describe, expect, it } from 'vitest';
import { CallerVoice } from './caller-voice.ts';

const voice = new CallerVoice();
afterAll(() => voice.dispose());

function rms(samples: Int16Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

describe('CallerVoice', () => {
  it('speaks a line as 8 kHz μ-law of a plausible length and loudness', async () => {
    const audio = await voice.speak('i would like to book a cleaning');
    const seconds = audio.byteLength / 8000;
    expect(seconds).toBeGreaterThan(1);
    expect(seconds).toBeLessThan(5);
    expect(rms(mulawDecode(audio))).toBeGreaterThan(500);
  });

  it('caches lines and fails with a coded error when flite is missing', async () => {
    const first = voice.speak('yes please');
    expect(voice.speak('yes please')).toBe(first);
    const broken = new CallerVoice({ fliteCommand: 'flite-does-not-exist' });
    await expect(broken.speak('hello')).rejects.toMatchObject({ code: 'speech_synthesis_failed' });
    await broken.dispose();
  });
});
