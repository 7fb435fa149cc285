import { describe, expect, it } from 'vitest';
import { extractName, speakDigits, speakPhone } from './extract.ts';
import { recognizeIntent } from './intents.ts';
import { extractReason, splitReason } from './message-reason.ts';
import { askedService, findService, serviceWords } from './service-match.ts';
import { spelledWord } from './spelling.ts';
import { callerIdOf } from './state.ts';

const services = [
  { id: 'initial', name: 'Initial Assessment', durationMinutes: 60 },
  { id: 'follow-up', name: 'Follow-up Session', durationMinutes: 30 },
  { id: 'massage', name: 'Sports Massage', durationMinutes: 45 },
];

describe('services and intents', () => {
  it('finds services by words, stems and slips, never "message" for "massage"', () => {
    expect(findService('a massage please', services)?.id).toBe('massage');
    expect(findService('two massages', services)?.id).toBe('massage');
    expect(findService('sports massage', services)?.id).toBe('massage');
    expect(findService('an initial assesment', services)?.id).toBe('initial');
    expect(findService('leave a message', services)).toBeUndefined();
  });

  it('keeps service words out of intent cues, and "come in" alone is not a booking', () => {
    const reserved = serviceWords(services);
    expect(recognizeIntent("i'd like a massage", 2, reserved)?.intent).not.toBe('message');
    expect(recognizeIntent('can i leave a message', 2, reserved)?.intent).toBe('message');
    expect(recognizeIntent('where can i park when i come in')?.intent).toBe('question');
    expect(recognizeIntent('when can i come in')).toBeUndefined();
    expect(recognizeIntent('what is your cancellation policy')?.intent).toBe('question');
    expect(recognizeIntent('i need to cancel my appointment')?.intent).toBe('cancel');
  });

  it('names the thing asked for when it is no service, and nothing for a plain appointment', () => {
    expect(askedService('can i book acupuncture on tuesday')).toBe('acupuncture');
    expect(askedService('i want to book an appointment for dry needling please')).toBe('dry needling');
    expect(askedService('do you do hot stone massage')).toBe('hot stone massage');
    expect(askedService('book a haircut please')).toBe('a haircut');
    expect(askedService('i would like to make an appointment')).toBeUndefined();
    expect(askedService('i would like to book an appointment for tomorrow')).toBeUndefined();
  });
});

describe('names, reasons and numbers', () => {
  it('splits a reason from a name said in one breath', () => {
    expect(splitReason("it's maria lopez calling about my invoice")).toEqual({
      before: "it's maria lopez",
      reason: 'about my invoice',
    });
    expect(extractReason("i'm calling because my knee still hurts")).toBe('because my knee still hurts');
    expect(extractReason('i wanted to ask if you have anything friday')).toBe(
      'i wanted to ask if you have anything friday',
    );
    expect(extractReason('i want to leave a message')).toBeUndefined();
    expect(extractReason('this is john smith')).toBeUndefined();
  });

  it('ends a name where the sentence goes on', () => {
    expect(extractName("hi this is maria lopez and i'd like to leave a message", false)).toBe('Maria Lopez');
    expect(extractName('my name is sam calling for my wife', false)).toBe('Sam');
  });

  it('reads spelled letters, letter names and the NATO alphabet', () => {
    expect(spelledWord('L O P E Z')).toBe('lopez');
    expect(spelledWord('el oh pee ee zee')).toBe('lopez');
    expect(spelledWord('L as in Lima, O as in Oscar, P, E, Z')).toBe('lopez');
    expect(spelledWord('lima oscar papa echo zulu')).toBe('lopez');
    expect(spelledWord('it is h a double l')).toBe('hall');
    expect(spelledWord('i said my name already')).toBeUndefined();
  });

  it('reads numbers back in groups of words', () => {
    expect(speakPhone('+15551234567')).toBe('five five five, one two three, four five six seven');
    expect(speakDigits('123456')).toBe('one two three, four five six');
    expect(speakDigits('4021')).toBe('four zero two one');
  });

  it('treats withheld caller IDs as none', () => {
    for (const withheld of [undefined, '', 'anonymous', 'Restricted', '+266696687', '+7378742833'])
      expect(callerIdOf(withheld)).toBeUndefined();
    expect(callerIdOf('+13125550100')).toBe('+13125550100');
  });
});
