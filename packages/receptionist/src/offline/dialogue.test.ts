import type { BusinessBrief } from '@receptionist/engine';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DialoguePolicy } from './dialogue.ts';
import { said, toolCall } from './testing/policy-actions.ts';
import type { PolicyAction } from './types.ts';

const business: BusinessBrief = {
  name: 'Bright Smile Dental',
  timeZone: 'America/New_York',
  services: [
    { id: 'svc_cleaning', name: 'Cleaning', durationMinutes: 30 },
    { id: 'svc_whitening', name: 'Teeth Whitening', durationMinutes: 60 },
    { id: 'svc_checkup', name: 'Checkup', durationMinutes: 30 },
  ],
  transferDestinations: [{ id: 'dst_front', name: 'Front desk' }],
  vocabulary: ['Dr. Patel'],
};

// Monday 2 March 2026, 10:00 in New York.
const now = () => DateTime.fromISO('2026-03-02T10:00', { zone: 'America/New_York' });

function policy(callerNumber?: string): DialoguePolicy {
  const dialogue = new DialoguePolicy({
    business,
    greeting: 'Thanks for calling Bright Smile Dental.',
    callerNumber,
    now,
  });
  dialogue.handle({ type: 'start' });
  return dialogue;
}

const ok = (message: string, data?: unknown) => ({ ok: true, message, data });

describe('DialoguePolicy', () => {
  it('greets first, and not at all when resuming a call', () => {
    const fresh = new DialoguePolicy({ business, greeting: 'Hello there.', now });
    expect(said(fresh.handle({ type: 'start' }))).toBe('Hello there.');
    const resumed = new DialoguePolicy({ business, greeting: 'Hello there.', now, resumed: true });
    expect(resumed.handle({ type: 'start' })).toEqual([]);
  });

  it('books after collecting every slot, reading back and hearing yes', () => {
    const dialogue = policy();
    let actions = dialogue.handle({ type: 'caller_text', text: 'hi i would like to book an appointment' });
    expect(actions).toContainEqual(expect.objectContaining({ type: 'decision', kind: 'intent' }));
    expect(said(actions)).toMatch(/which service/i);
    actions = dialogue.handle({ type: 'caller_text', text: 'a cleaning please' });
    expect(said(actions)).toMatch(/what day and time/i);
    actions = dialogue.handle({ type: 'caller_text', text: 'tuesday at two p m' });
    expect(toolCall(actions)).toEqual({
      type: 'call_tool',
      name: 'check_availability',
      args: { service: 'Cleaning', date: '2026-03-03', preferredTime: '14:00' },
    });
    actions = dialogue.handle({
      type: 'tool_result',
      name: 'check_availability',
      result: ok('Free times', { slots: [{ date: '2026-03-03', time: '14:00' }] }),
    });
    expect(said(actions)).toMatch(/your name/i);
    actions = dialogue.handle({ type: 'caller_text', text: 'my name is john smith' });
    expect(said(actions)).toMatch(/phone number/i);
    actions = dialogue.handle({ type: 'caller_text', text: 'two one two five five five zero one nine nine' });
    expect(said(actions)).toBe(
      'Let me read that back: a Cleaning on Tuesday, March 3 at 2 PM, for John Smith, phone number two one two, five five five, zero one nine nine. Shall I book it?',
    );
    actions = dialogue.handle({ type: 'caller_text', text: 'yes please' });
    expect(toolCall(actions)).toEqual({
      type: 'call_tool',
      name: 'book_appointment',
      args: {
        service: 'Cleaning',
        date: '2026-03-03',
        time: '14:00',
        customerName: 'John Smith',
        phone: '+12125550199',
      },
    });
    actions = dialogue.handle({
      type: 'tool_result',
      name: 'book_appointment',
      result: ok('You are booked.'),
    });
    expect(said(actions)).toBe('You are booked. Is there anything else I can help you with?');
    actions = dialogue.handle({ type: 'caller_text', text: 'no thanks' });
    expect(toolCall(actions)?.name).toBe('end_call');
  });

  it('takes every slot from one sentence and uses caller ID for the number', () => {
    const dialogue = policy('+13105550123');
    dialogue.handle({
      type: 'caller_text',
      text: 'i would like a teeth whitening on march fifth at ten thirty a m',
    });
    const actions = dialogue.handle({ type: 'tool_result', name: 'check_availability', result: ok('Free.') });
    expect(said(actions)).toMatch(/your name/i);
    expect(said(dialogue.handle({ type: 'caller_text', text: 'sarah' }))).toMatch(
      /Teeth Whitening on Thursday, March 5 at 10:30 AM, for Sarah, phone number three one zero/,
    );
  });

  it('offers the nearest free times when the slot is taken, then books the one chosen', () => {
    const dialogue = policy('+13105550123');
    dialogue.handle({ type: 'caller_text', text: 'book a cleaning tuesday at two p m' });
    let actions = dialogue.handle({
      type: 'tool_result',
      name: 'check_availability',
      result: ok('Free times', {
        slots: ['09:00', '13:00', '15:00', '16:30'].map((time) => ({
          date: '2026-03-03',
          time,
        })),
      }),
    });
    expect(said(actions)).toBe(
      'Sorry, Tuesday, March 3 at 2 PM is not available. I have 1 PM, 3 PM or 4:30 PM. Which would you like?',
    );
    expect(actions).toContainEqual(expect.objectContaining({ kind: 'alternatives_offered' }));
    actions = dialogue.handle({ type: 'caller_text', text: 'three p m' });
    expect(toolCall(actions)?.name).toBe('check_availability');
  });

  it('offers to take a message after two failed attempts at a slot', () => {
    const dialogue = policy();
    dialogue.handle({ type: 'caller_text', text: 'i want to book a checkup' });
    expect(said(dialogue.handle({ type: 'caller_text', text: 'hmm whenever' }))).toMatch(/say it again/);
    const actions = dialogue.handle({ type: 'caller_text', text: 'blue banana' });
    expect(said(actions)).toMatch(/take a message/);
    expect(actions).toContainEqual(expect.objectContaining({ kind: 'fallback' }));
    expect(said(dialogue.handle({ type: 'caller_text', text: 'yes' }))).toMatch(/your name/i);
  });

  it('takes a message with name, number and reason', () => {
    const dialogue = policy();
    expect(said(dialogue.handle({ type: 'caller_text', text: 'can i leave a message' }))).toMatch(
      /your name/,
    );
    expect(said(dialogue.handle({ type: 'caller_text', text: 'this is mary jones' }))).toMatch(/number/);
    for (const digit of '3105550123') dialogue.handle({ type: 'dtmf', digit });
    expect(dialogue.awaiting).toBe('message_reason');
    const actions = dialogue.handle({ type: 'caller_text', text: 'please call me back about my bill' });
    expect(toolCall(actions)).toEqual({
      type: 'call_tool',
      name: 'take_message',
      args: {
        callerName: 'Mary Jones',
        callbackNumber: '+13105550123',
        reason: 'please call me back about my bill',
      },
    });
  });

  it('transfers to a person from anywhere in a flow', () => {
    const dialogue = policy();
    dialogue.handle({ type: 'caller_text', text: 'i want to book a cleaning' });
    const actions = dialogue.handle({ type: 'caller_text', text: 'can i talk to a person' });
    expect(toolCall(actions)).toEqual({
      type: 'call_tool',
      name: 'transfer_call',
      args: { destination: 'Front desk' },
    });
  });

  it('answers questions through the FAQ tool', () => {
    const dialogue = policy();
    const actions = dialogue.handle({ type: 'caller_text', text: 'what are your opening hours' });
    expect(toolCall(actions)).toEqual({
      type: 'call_tool',
      name: 'answer_question',
      args: { question: 'what are your opening hours' },
    });
    expect(
      said(dialogue.handle({ type: 'tool_result', name: 'answer_question', result: ok('We open at 9.') })),
    ).toMatch(/^We open at 9\. Is there anything else/);
  });

  it('cancels the caller appointment after confirmation', () => {
    const dialogue = policy('+13105550123');
    let actions = dialogue.handle({ type: 'caller_text', text: 'i need to cancel my appointment' });
    // Caller ID alone is not proof: the name on file is asked for first.
    expect(said(actions)).toMatch(/what name/);
    actions = dialogue.handle({ type: 'caller_text', text: 'john smith' });
    expect(toolCall(actions)).toEqual({
      type: 'call_tool',
      name: 'find_my_appointments',
      args: { customerName: 'John Smith' },
    });
    actions = dialogue.handle({
      type: 'tool_result',
      name: 'find_my_appointments',
      result: ok('You have a Cleaning on Tuesday at 2 PM.', {
        appointments: [{ id: 'apt_1', date: '2026-03-03', time: '14:00', spoken: 'Cleaning on Tuesday' }],
      }),
    });
    expect(said(actions)).toMatch(/cancel it\?$/);
    actions = dialogue.handle({ type: 'caller_text', text: 'yes' });
    expect(toolCall(actions)).toEqual({
      type: 'call_tool',
      name: 'cancel_appointment',
      args: { appointmentId: 'apt_1', customerName: 'John Smith' },
    });
  });

  it('reschedules to a new time', () => {
    const dialogue = policy('+13105550123');
    dialogue.handle({ type: 'caller_text', text: 'can i move my appointment' });
    dialogue.handle({ type: 'caller_text', text: 'john smith' });
    let actions = dialogue.handle({
      type: 'tool_result',
      name: 'find_my_appointments',
      result: ok('You have a Cleaning on Tuesday.', {
        appointments: [{ id: 'apt_1', date: '2026-03-03', time: '14:00' }],
      }),
    });
    expect(said(actions)).toMatch(/move it to/);
    actions = dialogue.handle({ type: 'caller_text', text: 'wednesday at eleven a m' });
    expect(toolCall(actions)).toEqual({
      type: 'call_tool',
      name: 'reschedule_appointment',
      args: { appointmentId: 'apt_1', customerName: 'John Smith', newDate: '2026-03-04', newTime: '11:00' },
    });
  });

  it('asks for the name again after a name that does not match', () => {
    const dialogue = policy('+13105550123');
    dialogue.handle({ type: 'caller_text', text: 'when is my appointment' });
    dialogue.handle({ type: 'caller_text', text: 'john smith' });
    const mismatch = {
      type: 'tool_result' as const,
      name: 'find_my_appointments',
      result: { ok: false, code: 'verification_failed', message: "That name doesn't match our records." },
    };
    // Once more in the same breath (a misheard name), then the refusal.
    expect(said(dialogue.handle(mismatch))).toBe(
      "I couldn't find a booking under John Smith from the number you're calling from. Could you say the full name on the booking once more?",
    );
    expect(toolCall(dialogue.handle({ type: 'caller_text', text: 'my name is jon smith' }))).toEqual({
      type: 'call_tool',
      name: 'find_my_appointments',
      args: { customerName: 'Jon Smith' },
    });
    const refused = dialogue.handle(mismatch);
    expect(said(refused)).toMatch(/doesn't match/);
    expect(said(dialogue.handle({ type: 'caller_text', text: 'when is my appointment' }))).toMatch(
      /what name/,
    );
    expect(toolCall(dialogue.handle({ type: 'caller_text', text: 'jane smith' }))).toEqual({
      type: 'call_tool',
      name: 'find_my_appointments',
      args: { customerName: 'Jane Smith' },
    });
  });

  it('asks for the texted code when the business verifies callers that way, and retries a wrong one', () => {
    const dialogue = policy('+13105550123');
    dialogue.handle({ type: 'caller_text', text: 'when is my appointment' });
    dialogue.handle({ type: 'caller_text', text: 'john smith' });
    const needsCode = dialogue.handle({
      type: 'tool_result',
      name: 'find_my_appointments',
      result: {
        ok: false,
        code: 'verification_required',
        message: 'I need to text a code.',
        data: { method: 'sms_code' },
      },
    });
    expect(toolCall(needsCode)).toEqual({ type: 'call_tool', name: 'send_verification_code', args: {} });
    const sent = dialogue.handle({
      type: 'tool_result',
      name: 'send_verification_code',
      result: ok("I've texted a 6-digit code. What is the code?", { phoneEnding: '0123' }),
    });
    expect(said(sent)).toMatch(/What is the code\?$/);
    expect(toolCall(dialogue.handle({ type: 'caller_text', text: 'one two three four five six' }))).toEqual({
      type: 'call_tool',
      name: 'find_my_appointments',
      args: { customerName: 'John Smith', verificationCode: '123456' },
    });
    const wrong = dialogue.handle({
      type: 'tool_result',
      name: 'find_my_appointments',
      result: { ok: false, code: 'verification_failed', message: "That code doesn't match." },
    });
    expect(said(wrong)).toMatch(/doesn't match/);
    let keyed: PolicyAction[] = [];
    for (const digit of '654321') keyed = dialogue.handle({ type: 'dtmf', digit });
    // The keyed code goes out once its sixth digit is in.
    expect(toolCall(keyed)).toMatchObject({ args: { verificationCode: '654321' } });
    const retried = dialogue.handle({
      type: 'tool_result',
      name: 'find_my_appointments',
      result: ok('I see one booking: Cleaning on Tuesday.', {
        appointments: [{ id: 'apt_1', date: '2026-03-03', time: '14:00', spoken: 'Cleaning on Tuesday' }],
      }),
    });
    expect(said(retried)).toContain('Cleaning on Tuesday');
  });

  it('says goodbye and ends the call', () => {
    const dialogue = policy();
    const actions = dialogue.handle({ type: 'caller_text', text: 'okay thanks goodbye' });
    expect(said(actions)).toMatch(/Goodbye/);
    expect(toolCall(actions)?.name).toBe('end_call');
  });

  it('tolerates recognition slips in intent words', () => {
    const dialogue = policy();
    const actions = dialogue.handle({ type: 'caller_text', text: 'i would like to make an appointments' });
    expect(said(actions)).toMatch(/which service/i);
  });
});
