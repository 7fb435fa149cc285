import { describe, expect, it } from 'vitest';
import { correctReadBack, listeningCaller, numberOf } from './caller-persona.ts';
import type { CorpusScenario } from './schema.ts';

const scenario = {
  name: 'message with the caller id withheld',
  voice: 'slt',
  setup: [],
  turns: [
    { say: 'please have someone call me back' },
    { say: 'my number is two one two five five five zero one four seven' },
    { say: 'yes' },
  ],
  expect: {},
} as unknown as CorpusScenario;

describe('the corpus caller who listens', () => {
  it('knows the number it gave', () => {
    expect(numberOf(scenario)).toBe('2125550147');
  });

  it('corrects the group read back wrong, and says nothing when the number is right', () => {
    expect(
      correctReadBack(
        "I have two nine two, five five five, zero one four seven, but that doesn't look like a full phone number.",
        '2125550147',
      ),
    ).toBe("no it's two one two");
    expect(
      correctReadBack(
        'I have two one two, five five five, zero one four eight. Is that right?',
        '2125550147',
      ),
    ).toBe("no it's zero one four seven");
    expect(
      correctReadBack(
        'I have two one two, five five five, zero one four seven. Is that right?',
        '2125550147',
      ),
    ).toBeUndefined();
    expect(correctReadBack('What would you like the message to say?', '2125550147')).toBeUndefined();
    expect(correctReadBack('I have two one two, five five five. Is that right?', undefined)).toBeUndefined();
  });

  it('says the wrong group first, and keys the number in when it is read back wrong again', () => {
    const caller = listeningCaller(scenario);
    const wrong =
      "I have two nine two, five five five, zero one four seven, but that doesn't look like a full phone number. Which part is wrong? You can say just that part, say the whole number again, or key it in.";
    expect(caller(wrong)).toEqual({ say: "no it's two one two" });
    expect(caller(wrong)).toEqual({ press: '2125550147' });
    // The correction misheard, the receptionist asks which part: the caller keys it in.
    const again = listeningCaller(scenario);
    expect(again(wrong)).toEqual({ say: "no it's two one two" });
    expect(again('Sorry about that. Which part is wrong? Say just that part, or key it in.')).toEqual({
      press: '2125550147',
    });
    expect(again('What would you like the message to say?')).toBeUndefined();
    // Read back right: nothing to add.
    const right = listeningCaller(scenario);
    expect(right('I have two one two, five five five, zero one four seven. Is that right?')).toBeUndefined();
    expect(caller('What would you like the message to say?')).toBeUndefined();
  });
});
