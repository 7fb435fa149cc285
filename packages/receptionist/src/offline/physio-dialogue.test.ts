import type { BusinessBrief } from '@receptionist/engine';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DialoguePolicy } from './dialogue.ts';
import { said, toolCall as tool } from './testing/policy-actions.ts';
import type { PolicyAction } from './types.ts';

const ONCE_MORE =
  'Sorry, I may not have heard your name right. Could you say your first and last name once more?';

const weekday = { open: '08:00', close: '18:00' };
// The physiotherapy practice of the issue: three services, a front desk, closed at the weekend.
const physio: BusinessBrief = {
  name: 'Riverside Physio',
  timeZone: 'America/Chicago',
  services: [
    { id: 'initial', name: 'Initial Assessment', durationMinutes: 60 },
    { id: 'follow-up', name: 'Follow-up Session', durationMinutes: 30 },
    { id: 'massage', name: 'Sports Massage', durationMinutes: 45 },
  ],
  transferDestinations: [{ id: 'front', name: 'Front desk' }],
  vocabulary: ['Riverside', 'Physio'],
  openingHours: {
    monday: weekday,
    tuesday: weekday,
    wednesday: weekday,
    thursday: weekday,
    friday: weekday,
    saturday: null,
    sunday: null,
  },
};

// Monday 2 March 2026, 10:00 in Chicago.
const now = () => DateTime.fromISO('2026-03-02T10:00', { zone: 'America/Chicago' });

function call(callerNumber?: string, business: BusinessBrief = physio): DialoguePolicy {
  const dialogue = new DialoguePolicy({
    business,
    greeting: 'Riverside Physio, hello.',
    callerNumber,
    now,
  });
  dialogue.handle({ type: 'start' });
  return dialogue;
}
const hear = (dialogue: DialoguePolicy, text: string) => dialogue.handle({ type: 'caller_text', text });

describe('the offline receptionist at a physiotherapy practice', () => {
  it('books a massage, and takes a message when asked to leave one', () => {
    for (const text of ["I'd like a massage", 'book a sports massage please', 'can I get a massage']) {
      const dialogue = call('+13125550100');
      const actions = hear(dialogue, text);
      expect(said(actions)).toMatch(/day and time .* Sports Massage/);
      expect(actions).toContainEqual(
        expect.objectContaining({ kind: 'slot_filled', detail: 'service Sports Massage' }),
      );
    }
    const dialogue = call('+13125550100');
    expect(said(hear(dialogue, "I'd like to leave a message"))).toMatch(/take a message/);
  });

  it('matches services by their words and stems', () => {
    const dialogue = call('+13125550100');
    expect(said(hear(dialogue, 'can I book an initial assessment'))).toMatch(/Initial Assessment/);
    const other = call('+13125550100');
    hear(other, 'I want to make an appointment');
    expect(said(hear(other, 'a follow up please'))).toMatch(/Follow-up Session/);
  });

  it('hears "where can I park when I come in" as a question, not a booking', () => {
    const dialogue = call();
    expect(tool(hear(dialogue, 'where can I park when I come in'))).toEqual({
      type: 'call_tool',
      name: 'answer_question',
      args: { question: 'where can I park when I come in' },
    });
  });

  it('tries the FAQ for a question without cue words, and says "not caught" when it has nothing', () => {
    const dialogue = call();
    expect(tool(hear(dialogue, 'is there somewhere to leave my car'))).toMatchObject({
      name: 'answer_question',
    });
    const answer = dialogue.handle({
      type: 'tool_result',
      name: 'answer_question',
      result: { ok: false, code: 'no_answer', message: "I don't have that information." },
    });
    expect(said(answer)).toMatch(/did not catch that/);
    // Words that are no question (misheard noise) are not sent to the FAQ as one.
    const noise = call();
    const actions = hear(noise, 'blue banana purple monkey');
    expect(tool(actions)).toBeUndefined();
    expect(said(actions)).toMatch(/did not catch that/);
  });

  it('asks "did you mean" when the FAQ has two fits, and hears the answer as a new question', () => {
    const dialogue = call();
    hear(dialogue, 'tell me about your policy');
    const answer = dialogue.handle({
      type: 'tool_result',
      name: 'answer_question',
      result: {
        ok: true,
        message: 'Did you mean: what is your cancellation policy; or what is your privacy policy?',
        data: { suggestions: ['What is your cancellation policy?', 'What is your privacy policy?'] },
      },
    });
    expect(said(answer)).toBe(
      'Did you mean: what is your cancellation policy; or what is your privacy policy?',
    );
    expect(tool(hear(dialogue, 'the cancellation policy'))).toMatchObject({ name: 'answer_question' });
  });

  it('names an unknown service back with what the practice offers', () => {
    const dialogue = call('+13125550100');
    expect(said(hear(dialogue, 'can I book acupuncture on tuesday'))).toBe(
      "Sorry, we don't offer acupuncture. What we offer is Initial Assessment, Follow-up Session and Sports Massage. Which would you like?",
    );
    expect(said(hear(dialogue, 'dry needling'))).toMatch(/we don't offer dry needling/);
  });

  it('answers a closed day with the next opening, and books it on a yes', () => {
    const dialogue = call('+13125550100');
    const check = tool(hear(dialogue, 'a sports massage on saturday'));
    expect(check).toEqual({
      type: 'call_tool',
      name: 'check_availability',
      args: { service: 'Sports Massage', date: '2026-03-07' },
    });
    const offer = dialogue.handle({
      type: 'tool_result',
      name: 'check_availability',
      result: {
        ok: true,
        message: "We're closed on Saturdays. The next opening is Monday, March 9 at 8:00 AM.",
        data: { slots: [], next: { date: '2026-03-09', time: '08:00' } },
      },
    });
    expect(said(offer)).toMatch(
      /^We're closed on Saturdays\. The next opening is Monday, March 9 at 8:00 AM\. Would that work/,
    );
    expect(said(hear(dialogue, 'yes that works'))).toMatch(/your name/i);
    hear(dialogue, 'my name is john smith');
    expect(said(hear(dialogue, 'yes'))).toBe('');
  });

  it('reads bare and relative times against the day under discussion', () => {
    const dialogue = call('+13125550100');
    hear(dialogue, 'a follow up session on tuesday');
    expect(tool(hear(dialogue, 'eleven'))).toMatchObject({
      args: { date: '2026-03-03', preferredTime: '11:00' },
    });
    dialogue.handle({
      type: 'tool_result',
      name: 'check_availability',
      result: { ok: true, message: 'Free.', data: { slots: [{ date: '2026-03-03', time: '11:00' }] } },
    });
    hear(dialogue, 'john smith');
    expect(tool(hear(dialogue, 'make it four'))).toMatchObject({
      args: { date: '2026-03-03', preferredTime: '16:00' },
    });
  });

  it('moves a booking TO the day named in "from Tuesday to Wednesday", at the same time', () => {
    const dialogue = call('+13125550100');
    hear(dialogue, 'I need to move my appointment from tuesday to wednesday');
    hear(dialogue, 'john smith');
    const found = dialogue.handle({
      type: 'tool_result',
      name: 'find_my_appointments',
      result: {
        ok: true,
        message: 'I found your Sports Massage on Tuesday, March 3 at 2:00 PM.',
        data: { appointments: [{ id: 'apt_1', date: '2026-03-03', time: '14:00' }] },
      },
    });
    expect(said(found)).toMatch(/What time on Wednesday, March 4\?/);
    expect(tool(hear(dialogue, 'the same time'))).toEqual({
      type: 'call_tool',
      name: 'reschedule_appointment',
      args: { appointmentId: 'apt_1', customerName: 'John Smith', newDate: '2026-03-04', newTime: '14:00' },
    });
  });

  it('keeps a message reason said in the same breath as the name', () => {
    const dialogue = call('+13125550100');
    hear(dialogue, 'can I leave a message');
    const actions = hear(dialogue, "it's mary jones calling about my invoice");
    expect(tool(actions)).toEqual({
      type: 'call_tool',
      name: 'take_message',
      args: { callerName: 'Mary Jones', reason: 'about my invoice' },
    });
    const early = call('+13125550100');
    expect(tool(hear(early, 'hi this is mary jones i want to leave a message regarding my x-rays'))).toEqual({
      type: 'call_tool',
      name: 'take_message',
      args: { callerName: 'Mary Jones', reason: 'regarding my x-rays' },
    });
  });

  it('asks to spell a name word it may have misheard, and takes letters and NATO words', () => {
    const dialogue = call('+13125550100');
    hear(dialogue, 'can I leave a message');
    expect(said(hear(dialogue, 'maria tenth'))).toBe(ONCE_MORE);
    expect(said(hear(dialogue, 'maria tenth'))).toBe(
      'Could you spell your last name for me, letter by letter?',
    );
    // Heard right the second time: no spelling.
    const again = call('+13125550100');
    hear(again, 'can I leave a message');
    expect(said(hear(again, 'maria tenth'))).toBe(ONCE_MORE);
    expect(said(hear(again, 'maria lopez'))).toMatch(/message to say/);
    expect(said(hear(dialogue, 'L O P E Z'))).toMatch(/message to say/);
    expect(tool(hear(dialogue, 'my knee still hurts'))).toMatchObject({
      args: { callerName: 'Maria Lopez' },
    });
    // A caller who goes on talking instead of spelling keeps the name as heard, and the reason counts.
    const talker = call('+13125550100');
    hear(talker, 'can I leave a message');
    hear(talker, 'maria tenth');
    hear(talker, 'maria tenth');
    expect(tool(hear(talker, "it's about my knee"))).toMatchObject({
      args: { callerName: 'Maria Tenth', reason: "it's about my knee" },
    });
    // "yes" to the spelling question keeps the name as heard.
    const standsBy = call('+13125550100');
    hear(standsBy, 'can I leave a message');
    hear(standsBy, 'john fifth');
    hear(standsBy, 'john fifth');
    expect(said(hear(standsBy, 'yes please'))).toMatch(/message to say/);
    const nato = call('+13125550100');
    hear(nato, 'can I leave a message');
    hear(nato, 'my name is anna kowalczyk');
    hear(nato, 'my name is anna kowalczyk');
    hear(nato, 'k as in kilo o w a l c z y k');
    expect(tool(hear(nato, 'please call me'))).toMatchObject({ args: { callerName: 'Anna Kowalczyk' } });
  });

  it('asks for a callback number when caller ID is withheld, reads it back in groups and confirms', () => {
    for (const withheld of [undefined, '', 'anonymous', '+266696687']) {
      const dialogue = call(withheld);
      hear(dialogue, 'can I leave a message');
      expect(said(hear(dialogue, 'john smith'))).toBe(
        'I cannot see your number. What is the best number to call you back on?',
      );
      expect(said(hear(dialogue, 'two one two five five five one two three four'))).toBe(
        'I have two one two, five five five, one two three four. Is that right?',
      );
      expect(said(hear(dialogue, 'no'))).toMatch(/Which part is wrong\? .*one digit at a time/);
      expect(said(hear(dialogue, 'three one two five five five zero one zero zero'))).toBe(
        'I have three one two, five five five, zero one zero zero. Is that right?',
      );
      expect(said(hear(dialogue, 'yes'))).toMatch(/message to say/);
      expect(tool(hear(dialogue, 'about my bill'))).toMatchObject({
        args: { callerName: 'John Smith', callbackNumber: '+13125550100', reason: 'about my bill' },
      });
    }
  });
});

describe('what the scenario corpus found', () => {
  it('keeps a name given while asked for a time, and asks for the time again', () => {
    const dialogue = call('+13125550100');
    expect(said(hear(dialogue, 'i would like to book a sports massage on friday'))).toMatch(/What time/);
    expect(said(hear(dialogue, 'my name is jessica ward'))).toBe('Thank you. What time on Friday, March 6?');
    const check = tool(hear(dialogue, 'at ten a m'));
    expect(check).toMatchObject({ name: 'check_availability', args: { preferredTime: '10:00' } });
  });

  it('ends the call on a goodbye while asked for a name', () => {
    const dialogue = call('+13125550100');
    hear(dialogue, 'can I leave a message');
    expect(tool(hear(dialogue, 'no thanks goodbye'))).toMatchObject({ name: 'end_call' });
  });

  it('lets a caller correct one group of a misheard callback number', () => {
    const dialogue = call(undefined);
    hear(dialogue, 'please have someone call me back');
    hear(dialogue, 'my name is maria lopez');
    // "two one two" heard as "two nine two": no such area code, so it is not taken as said.
    expect(said(hear(dialogue, 'my number is two nine two five five five zero one four seven'))).toBe(
      "I have two nine two, five five five, zero one four seven, but that doesn't look like a full phone number. Which part is wrong? You can say just that part, say the whole number again, or key it in.",
    );
    expect(said(hear(dialogue, 'yes'))).toMatch(/one digit at a time/);
    expect(said(hear(dialogue, 'two nine two five five five zero one four'))).toMatch(/that is 9 digits/);
    hear(dialogue, 'two nine two five five five zero one four seven');
    expect(said(hear(dialogue, 'no it is two one two'))).toBe(
      'I have two one two, five five five, zero one four seven. Is that right?',
    );
    // A valid number read back wrong is corrected the same way, group by group.
    expect(said(hear(dialogue, 'no the last four are zero one four eight'))).toBe(
      'I have two one two, five five five, zero one four eight. Is that right?',
    );
    expect(said(hear(dialogue, 'no'))).toMatch(/Which part is wrong/);
    hear(dialogue, 'zero one four seven');
    expect(said(hear(dialogue, 'yes'))).toMatch(/message to say/);
    expect(tool(hear(dialogue, 'about my invoice'))).toMatchObject({
      args: { callerName: 'Maria Lopez', callbackNumber: '+12125550147', reason: 'about my invoice' },
    });
  });

  it('takes a number keyed in while a misheard one is read back', () => {
    const dialogue = call(undefined);
    hear(dialogue, 'please have someone call me back');
    hear(dialogue, 'my name is maria lopez');
    expect(said(hear(dialogue, 'my number is two nine two five five five zero one four seven'))).toMatch(
      /key it in/,
    );
    let actions: PolicyAction[] = [];
    for (const digit of '2125550147') actions = dialogue.handle({ type: 'dtmf', digit });
    // Keyed digits are exact: no read-back, straight on to the message.
    expect(said(actions)).toMatch(/message to say/);
    // A "yes" there is not the message.
    expect(said(hear(dialogue, 'yes'))).toBe('Go ahead: what would you like the message to say?');
    expect(tool(hear(dialogue, 'about my invoice'))).toMatchObject({
      args: { callerName: 'Maria Lopez', callbackNumber: '+12125550147', reason: 'about my invoice' },
    });
  });

  it('takes a name and a reason said at the start as a message', () => {
    const dialogue = call('+13125550100');
    expect(tool(hear(dialogue, 'hi this is paul myers interested the invoice you sent'))).toEqual({
      type: 'call_tool',
      name: 'take_message',
      args: { callerName: 'Paul Myers', reason: 'interested the invoice you sent' },
    });
  });

  it('offers a message about a question the FAQ cannot answer, with the name already heard', () => {
    const dialogue = call('+13125550100');
    expect(tool(hear(dialogue, 'hi this is robert cooper i have a question about my bill'))).toMatchObject({
      name: 'answer_question',
    });
    const noAnswer = dialogue.handle({
      type: 'tool_result',
      name: 'answer_question',
      result: { ok: false, code: 'no_answer', message: "I don't have that information." },
    });
    expect(said(noAnswer)).toMatch(/take a message about it/);
    expect(tool(hear(dialogue, 'yes please'))).toEqual({
      type: 'call_tool',
      name: 'take_message',
      args: {
        callerName: 'Robert Cooper',
        reason: 'hi this is robert cooper i have a question about my bill',
      },
    });
  });

  it('looks a booking up under the name as heard, without asking to spell it', () => {
    const dialogue = call('+13125550100');
    hear(dialogue, 'i need to move my appointment');
    expect(tool(hear(dialogue, 'my name is rachel zzyzx'))).toMatchObject({ name: 'find_my_appointments' });
  });

  it('waits for the rest when the recogniser cuts "next" from "tuesday"', () => {
    const dialogue = call('+13125550100');
    hear(dialogue, 'book a sports massage');
    expect(hear(dialogue, 'next')).toEqual([
      expect.objectContaining({ type: 'decision', kind: 'input_incomplete' }),
    ]);
    expect(said(hear(dialogue, 'tuesday'))).toMatch(/What time on Tuesday, March 3/);
  });
});

describe('a booking under a name the recogniser may have misheard', () => {
  /** A massage booked for Tuesday at 10, the slot free: the next thing asked for is the name. */
  function askedForName(business: BusinessBrief = physio): DialoguePolicy {
    const dialogue = call('+13125550100', business);
    hear(dialogue, 'a sports massage on tuesday at ten a m');
    dialogue.handle({
      type: 'tool_result',
      name: 'check_availability',
      result: { ok: true, message: 'Free.', data: { slots: [{ date: '2026-03-03', time: '10:00' }] } },
    });
    return dialogue;
  }

  /** The read-back after the caller gave `name`. */
  function readBack(name: string): DialoguePolicy {
    const dialogue = askedForName();
    hear(dialogue, `my name is ${name}`);
    return dialogue;
  }

  it('asks for the spelling in the read-back of a name with a number word, even one the business uses', () => {
    const dialogue = askedForName({ ...physio, vocabulary: [...physio.vocabulary, 'open at ten'] });
    expect(said(hear(dialogue, 'my name is mark ten'))).toMatch(
      /for Mark Ten, .* Shall I book it\? If I have your name wrong, spell it for me\.$/,
    );
  });

  it('asks for the spelling in the read-back, so a yes still books at once', () => {
    const dialogue = readBack('john eighth');
    expect(dialogue.awaiting).toBe('confirm_booking');
    expect(tool(hear(dialogue, 'yes please'))).toMatchObject({
      name: 'book_appointment',
      args: { customerName: 'John Eighth' },
    });
  });

  it('takes the spelled name and reads it back again', () => {
    const dialogue = readBack('john eighth');
    expect(said(hear(dialogue, 's m i t h'))).toMatch(/for John Smith, .* Shall I book it\?$/);
    expect(tool(hear(dialogue, 'yes'))).toMatchObject({ args: { customerName: 'John Smith' } });
  });

  it('does not ask when the name is a known one', () => {
    expect(said(readBack('john smith').handle({ type: 'caller_text', text: 'hmm' }))).not.toMatch(/spell/);
  });
});

describe('a message is never lost to a missing number or an early goodbye', () => {
  it('reads back a short number, and saves the message without one after a second miss', () => {
    const dialogue = call();
    hear(dialogue, 'can I leave a message');
    hear(dialogue, 'john smith');
    expect(said(hear(dialogue, 'two one two five five five zero four seven'))).toBe(
      'Sorry, I got two one two, five five five, zero four seven; that is 9 digits. Could you say the whole number again, one digit at a time?',
    );
    expect(said(hear(dialogue, 'two one two five five'))).toMatch(/message to say/);
    expect(tool(hear(dialogue, 'about my bill'))).toEqual({
      type: 'call_tool',
      name: 'take_message',
      args: { callerName: 'John Smith', reason: 'about my bill' },
    });
  });

  it('saves a message with the name as heard when the caller says goodbye instead of spelling', () => {
    const dialogue = call('+13125550100');
    hear(dialogue, 'can I leave a message');
    expect(said(hear(dialogue, 'this is robert picture have a question about my bill'))).toBe(ONCE_MORE);
    expect(said(hear(dialogue, 'this is robert picture'))).toMatch(/spell/);
    expect(tool(hear(dialogue, 'no that is all goodbye'))).toEqual({
      type: 'call_tool',
      name: 'take_message',
      args: { callerName: 'Robert Picture', reason: 'about my bill' },
    });
    const end = dialogue.handle({
      type: 'tool_result',
      name: 'take_message',
      result: { ok: true, message: "I've passed your message on." },
    });
    expect(said(end)).toMatch(/passed your message on\. .*Goodbye!/);
    expect(tool(end)).toMatchObject({ name: 'end_call' });
  });
});
