import { describe, expect, it } from 'vitest';
import { alignWords } from './word-alignment.ts';

describe('alignWords', () => {
  it('hands each utterance its own words when the recogniser heard them all', () => {
    const result = alignWords(
      [
        ['march', 'third'],
        ['the', 'fourth', 'of', 'may'],
      ],
      'march third the fourth of may'.split(' '),
    );
    expect(result.hypotheses).toEqual([
      ['march', 'third'],
      ['the', 'fourth', 'of', 'may'],
    ]);
    expect(result.errors).toEqual([0, 0]);
  });

  it('scores substitutions, deletions and insertions against the utterance they happened in', () => {
    const result = alignWords(
      [
        ['june', 'fourteenth'],
        ['july', 'the', 'first'],
        ['may', 'second'],
      ],
      'june fourth july first uh may second'.split(' '),
    );
    expect(result.hypotheses).toEqual([
      ['june', 'fourth'],
      ['july', 'first', 'uh'],
      ['may', 'second'],
    ]);
    expect(result.errors).toEqual([1, 2, 0]);
  });

  it('counts every word of an utterance nobody heard', () => {
    const result = alignWords(
      [
        ['april', 'ninth'],
        ['august', 'tenth'],
      ],
      ['august', 'tenth'],
    );
    expect(result.hypotheses).toEqual([[], ['august', 'tenth']]);
    expect(result.errors).toEqual([2, 0]);
  });
});
