import { describe, expect, it } from 'vitest';
import { extractName, phoneFromDigits } from './extract.ts';

describe('extractName', () => {
  it('takes the words after an introduction', () => {
    expect(extractName('my name is ann lee', false)).toBe('Ann Lee');
    expect(extractName('call me ann', false)).toBe('Ann');
    expect(extractName("hi it's john smith", false)).toBe('John Smith');
  });

  it('does not read a callback request as a name', () => {
    expect(extractName('please have someone call me back', false)).toBeUndefined();
    expect(extractName('can you call me back tomorrow', false)).toBeUndefined();
  });

  it('accepts a bare name only when one was asked for', () => {
    expect(extractName('ann lee', true)).toBe('Ann Lee');
    expect(extractName('ann lee', false)).toBeUndefined();
    expect(extractName('yes', true)).toBeUndefined();
  });
});

describe('phoneFromDigits', () => {
  it('accepts ten digits or eleven starting with 1', () => {
    expect(phoneFromDigits('3105550142')).toBe('+13105550142');
    expect(phoneFromDigits('13105550142')).toBe('+13105550142');
    expect(phoneFromDigits('555014')).toBeUndefined();
  });
});
