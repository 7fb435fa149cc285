import { describe, expect, it } from 'vitest';
import { RECOGNIZER_SAMPLE_RATE } from './convert.ts';
import { RecentAudio } from './recent-audio.ts';

/** `seconds` of 16 kHz samples, all equal to `value`, so where a sample came from can be told. */
function filled(seconds: number, value: number): Int16Array {
  return new Int16Array(seconds * RECOGNIZER_SAMPLE_RATE).fill(value);
}

describe('RecentAudio', () => {
  it('hands over the latest turn with the turn before it, and where the latest begins', () => {
    const recent = new RecentAudio();
    recent.push(filled(1, 1));
    recent.endTurn();
    recent.push(filled(2, 2));
    recent.endTurn();
    recent.push(filled(1.5, 3));
    const span = recent.endTurn();
    recent.push(filled(1, 4)); // the caller goes on while the turn waits for its decode

    const audio = recent.read(span);
    expect(audio?.samples.length).toBe(3.5 * RECOGNIZER_SAMPLE_RATE);
    expect(audio?.latestTurnStartsAtSeconds).toBe(2);
    expect(audio?.samples[0]).toBe(2);
    expect(audio?.samples[2 * RECOGNIZER_SAMPLE_RATE - 1]).toBe(2);
    expect(audio?.samples[2 * RECOGNIZER_SAMPLE_RATE]).toBe(3);
    expect(audio?.samples.at(-1)).toBe(3);
  });

  it('keeps half a minute: older audio is dropped, and a turn entirely gone reads as nothing', () => {
    const recent = new RecentAudio();
    recent.push(filled(5, 1));
    const old = recent.endTurn();
    for (let second = 0; second < 40; second++) recent.push(filled(1, 9));
    expect(recent.read(old)).toBeUndefined();

    const span = recent.endTurn();
    const audio = recent.read(span);
    // The turn before is gone; what is kept of the latest (the last 30 s) is handed over.
    expect(audio?.samples.length).toBe(30 * RECOGNIZER_SAMPLE_RATE);
    expect(audio?.latestTurnStartsAtSeconds).toBe(0);
    expect(audio?.samples.every((sample) => sample === 9)).toBe(true);
  });
});
