import { mulawDecode } from '@receptionist/audio';
import { afterAll, describe, expect, it } from 'vitest';
import { CallerVoice } from './caller-voice.ts';
import { mulawWav, readPcm16Wav } from './wav.ts';

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

describe('WAV files', () => {
  it('writes μ-law WAV with the right header and reads PCM16 WAV', () => {
    const file = mulawWav(new Uint8Array([0xff, 0x7f, 0x00]));
    const view = new DataView(file.buffer);
    expect(String.fromCharCode(...file.subarray(0, 4))).toBe('RIFF');
    expect(view.getUint16(20, true)).toBe(7);
    expect(view.getUint32(54, true)).toBe(3);
    expect(view.getUint32(4, true)).toBe(file.byteLength - 8);

    const pcm = new Uint8Array(44 + 4);
    const pcmView = new DataView(pcm.buffer);
    pcm.set(new TextEncoder().encode('RIFF'), 0);
    pcm.set(new TextEncoder().encode('WAVEfmt '), 8);
    pcmView.setUint32(16, 16, true);
    pcmView.setUint16(20, 1, true);
    pcmView.setUint16(22, 1, true);
    pcmView.setUint32(24, 16000, true);
    pcmView.setUint16(34, 16, true);
    pcm.set(new TextEncoder().encode('data'), 36);
    pcmView.setUint32(40, 4, true);
    pcmView.setInt16(44, -2, true);
    pcmView.setInt16(46, 300, true);
    expect(readPcm16Wav(pcm)).toEqual({ sampleRate: 16000, samples: new Int16Array([-2, 300]) });
  });
});
