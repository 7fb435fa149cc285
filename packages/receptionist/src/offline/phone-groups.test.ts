import { describe, expect, it } from 'vitest';
import { correctGroup, isDiallable, phoneGroups } from './phone-groups.ts';

const misheard = '+12925550147'; // "two one two" heard as "two nine two"

describe('callback number groups', () => {
  it('splits a number the way it is read back', () => {
    expect(phoneGroups('+12125550147')).toEqual(['212', '555', '0147']);
  });

  it('knows a misheard area code is not a number anyone can be called on', () => {
    expect(isDiallable(misheard)).toBe(false);
    expect(isDiallable('+12125550147')).toBe(true);
  });

  it('replaces the group the caller corrects, found by its length and the fewest changed digits', () => {
    expect(correctGroup(misheard, 'no two one two')).toBe('+12125550147');
    expect(correctGroup(misheard, "no it's zero one four eight")).toBe('+12925550148');
    expect(correctGroup(misheard, 'five five six')).toBe('+12925560147');
  });

  it('takes the group the caller names, even when the digits alone would point elsewhere', () => {
    expect(correctGroup(misheard, 'the area code is two one two')).toBe('+12125550147');
    expect(correctGroup(misheard, 'the last four are zero one four six')).toBe('+12925550146');
    expect(correctGroup('+12125550147', 'the middle part is two one two')).toBe('+12122120147');
  });

  it('does not guess between two groups equally close, nor take a whole number or a yes as a group', () => {
    expect(correctGroup('+12125550147', 'two one five')).toBe('+12155550147'); // one from 212, two from 555
    expect(correctGroup('+15555550147', 'five five six')).toBeUndefined(); // one from either 555
    expect(correctGroup(misheard, 'two one two five five five zero one four seven')).toBeUndefined();
    expect(correctGroup(misheard, 'yes')).toBeUndefined();
    // "two one two" heard as "eight two one two": no digit in place in common with 0147, so not a correction.
    expect(correctGroup(misheard, 'no eight two one two')).toBeUndefined();
  });
});
