import { describe, expect, it } from 'vitest';
import { corpusStats, editDistance, lineKind, polarity } from './corpus-stats.ts';
import type { CorpusCallResult } from './run-corpus.ts';

describe('corpus statistics', () => {
  it('sorts caller lines into the kinds WER is reported by', () => {
    expect(lineKind('yes please')).toBe('yesNo');
    expect(lineKind('no thanks goodbye')).toBe('yesNo');
    expect(lineKind('my name is maria lopez')).toBe('names');
    expect(lineKind('my number is two one two five five five zero one four seven')).toBe('numbers');
    expect(lineKind('next wednesday at three p m')).toBe('dates');
    expect(lineKind('at two p m')).toBe('times');
    expect(lineKind('where can i park when i come in')).toBe('freeQuestions');
  });

  it('reads yes and no from short answers', () => {
    expect(polarity('yes that is right')).toBe('yes');
    expect(polarity('no that is wrong')).toBe('no');
    expect(polarity('that')).toBeUndefined();
  });

  it('counts word errors, pass rates by business and held out, and names stored', () => {
    expect(editDistance(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toBe(2);
    const call = (business: string, passed: boolean, heldOut: boolean, heard: string): CorpusCallResult => ({
      business,
      heldOut,
      name: business,
      voice: 'slt',
      passed,
      failures: passed ? [] : ['x'],
      heard: [{ said: 'yes', heard }],
      nameStored: passed,
      transcript: [],
      wallMs: 1,
    });
    const stats = corpusStats([call('a', true, false, 'yes'), call('b', false, true, 'that')]);
    expect(stats.passRate).toEqual({ passed: 1, calls: 2, rate: 0.5 });
    expect(stats.passRateHeldOut.rate).toBe(0);
    expect(stats.passRateByBusiness.a?.rate).toBe(1);
    expect(stats.yesNoAccuracy).toEqual({ right: 1, lines: 2, rate: 0.5 });
    expect(stats.namesStoredCorrectly.rate).toBe(0.5);
    expect(stats.werByCategory.yesNo).toEqual({ wer: 0.5, words: 2 });
    const espeak = { ...call('c', false, false, 'no'), voice: 'espeak:m3' as const };
    const mixed = corpusStats([call('a', true, false, 'yes'), espeak]);
    expect(mixed.passRateFlite).toEqual({ passed: 1, calls: 1, rate: 1 });
    expect(mixed.passRateEspeak).toEqual({ passed: 0, calls: 1, rate: 0 });
  });
});
