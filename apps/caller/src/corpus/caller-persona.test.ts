import { describe, expect, it } from 'vitest';
import {
  correctBookingTime,
  correctReadBack,
  correctReadBackName,
  listeningCaller,
  nameLineOf,
  nameOf,
  numberOf,
  spokenTime,
} from './caller-persona.ts';
import type { CorpusScenario } from './schema.ts';

const NUMBER_LINE = 'my number is two one two five five five zero one four seven';
const PROMPTS_NOT_CAUGHT =
  'Sorry, I did not catch that. I can book, move or cancel an appointment, answer a question, or take a message. What would you like?';

const scenario = {
  name: 'message with the caller id withheld',
  voice: 'slt',
  setup: [],
  turns: [
    { say: 'please have someone call me back' },
    { say: 'my name is maria lopez' },
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
    expect(caller(wrong, NUMBER_LINE)).toEqual({ say: "no it's two one two" });
    expect(caller(wrong, NUMBER_LINE)).toEqual({ press: '2125550147' });
    // The correction misheard, the receptionist asks which part: the caller keys it in.
    const again = listeningCaller(scenario);
    expect(again(wrong, NUMBER_LINE)).toEqual({ say: "no it's two one two" });
    expect(
      again('Sorry about that. Which part is wrong? Say just that part, or key it in.', NUMBER_LINE),
    ).toEqual({
      press: '2125550147',
    });
    expect(again('What would you like the message to say?', "no it's two one two")).toBeUndefined();
    // Read back right: nothing to add.
    const right = listeningCaller(scenario);
    expect(
      right('I have two one two, five five five, zero one four seven. Is that right?', NUMBER_LINE),
    ).toBeUndefined();
  });

  it('says its last line once more when the receptionist did not catch it, and only once', () => {
    const caller = listeningCaller(scenario);
    expect(caller('Sorry, was that a yes or a no?', 'yes')).toEqual({ say: 'yes' });
    // Not heard again: the script goes on rather than repeat forever.
    expect(caller('Sorry, was that a yes or a no?', 'yes')).toBeUndefined();
    expect(caller(PROMPTS_NOT_CAUGHT, 'i would like to book a haircut')).toEqual({
      say: 'i would like to book a haircut',
    });
    expect(caller('What time would you like?', 'tomorrow')).toBeUndefined();
  });

  it('says its name again when asked for it once more', () => {
    expect(nameLineOf(scenario)).toBe('my name is maria lopez');
    expect(
      listeningCaller(scenario)(
        "I couldn't find a booking under Mario Lopez from the number you're calling from. Could you say the full name on the booking once more?",
        'my name is mario lopez',
      ),
    ).toEqual({ say: 'my name is maria lopez' });
  });

  it('says no to a booking read back at another time than the one it wants', () => {
    expect(spokenTime('10:00')).toBe('ten a m');
    expect(spokenTime('14:30')).toBe('two thirty p m');
    const readBack = (time: string) =>
      `Let me read that back: a Haircut on Friday, December 4 at ${time}, for Jessica Ward, phone number two one two, five five five, zero one two zero. Shall I book it?`;
    expect(correctBookingTime(readBack('8 AM'), '10:00')).toBe('no at ten a m');
    expect(correctBookingTime(readBack('10 AM'), '10:00')).toBeUndefined();
    expect(correctBookingTime(readBack('2:30 PM'), '14:30')).toBeUndefined();
    expect(correctBookingTime('You are booked for Friday at 8 AM.', '10:00')).toBeUndefined();
    expect(correctBookingTime(readBack('8 AM'), undefined)).toBeUndefined();
    const refused =
      'Sorry, Friday, December 4 at 8 AM is not available. I have 9 AM, 9:30 AM or 10 AM. Which would you like?';
    expect(correctBookingTime(refused, '10:00')).toBe('no at ten a m');
    expect(correctBookingTime(refused, '08:00')).toBeUndefined();
  });

  it('says no with its name to a booking read back for someone else', () => {
    expect(nameOf(scenario)).toBe('maria lopez');
    const readBack = (name: string) =>
      `Let me read that back: a Haircut on Friday, December 4 at 10 AM, for ${name}, phone number two one two, five five five, zero one two zero. Shall I book it?`;
    expect(correctReadBackName(readBack('Mario Lopez'), 'maria lopez')).toBe('no my name is maria lopez');
    expect(correctReadBackName(readBack('Maria Lopez'), 'maria lopez')).toBeUndefined();
    expect(listeningCaller(scenario)(readBack('Maria Lopes'), 'my name is maria lopez')).toEqual({
      say: 'no my name is maria lopez',
    });
  });
});
