import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.ts';
import { SpeechCache } from './speech-cache.ts';

describe('SpeechCache', () => {
  it('returns what was stored and evicts the least recently used past its sample budget', () => {
    const cache = new SpeechCache(10);
    cache.set('a', new Int16Array(4));
    cache.set('b', new Int16Array(4));
    expect(cache.get('a')?.length).toBe(4); // a is now the most recent
    cache.set('c', new Int16Array(4));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it('ignores a sentence larger than the whole budget', () => {
    const cache = new SpeechCache(3);
    cache.set('big', new Int16Array(4));
    expect(cache.size).toBe(0);
  });
});

describe('splitSentences', () => {
  it('splits on sentence ends but not inside abbreviations the policy writes', () => {
    expect(splitSentences('You are booked with Dr. Patel at 2 p.m. on Tuesday. Anything else?')).toEqual([
      'You are booked with Dr. Patel at 2 p.m. on Tuesday.',
      'Anything else?',
    ]);
  });
});
