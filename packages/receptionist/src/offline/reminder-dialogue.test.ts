import type { BusinessBrief } from '@receptionist/engine';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DialoguePolicy } from './dialogue.ts';
import { PROMPTS } from './prompts.ts';
import { said, toolCall } from './testing/policy-actions.ts';

const business: BusinessBrief = {
  name: 'Bright Smile Dental',
  timeZone: 'America/New_York',
  services: [{ id: 'cleaning', name: 'Cleaning', durationMinutes: 60 }],
  transferDestinations: [],
  vocabulary: [],
};
const OPENING = 'Hello, I am calling to remind you of your Cleaning tomorrow at 3 PM. Can you confirm?';

/** A reminder call the agent placed about booking apt_1 (Tuesday 3 March 2026, 15:00). */
function reminderCall(): DialoguePolicy {
  const dialogue = new DialoguePolicy({
    business,
    greeting: OPENING,
    callerNumber: '+12125550123',
    now: () => DateTime.fromISO('2026-03-02T14:00', { zone: 'America/New_York' }),
    purpose: { kind: 'reminder', facts: { appointmentId: 'apt_1', date: '2026-03-03', time: '15:00' } },
  });
  return dialogue;
}

describe('the offline policy on a reminder call', () => {
  it('opens with the reminder and confirms the booking on a yes', () => {
    const dialogue = reminderCall();
    expect(said(dialogue.handle({ type: 'start' }))).toBe(OPENING);
    expect(toolCall(dialogue.handle({ type: 'caller_text', text: 'yes i will be there' }))).toEqual({
      type: 'call_tool',
      name: 'confirm_appointment',
      args: { appointmentId: 'apt_1' },
    });
  });

  it('moves the booking it is about, without looking it up, once the callee gives the name on file', () => {
    const dialogue = reminderCall();
    dialogue.handle({ type: 'start' });
    const move = dialogue.handle({
      type: 'caller_text',
      text: 'can i move my appointment to wednesday at ten a m',
    });
    // The number we dialled is on file; the name is the second proof the verification policy asks for.
    expect(toolCall(move)).toBeUndefined();
    expect(said(move)).toBe(PROMPTS.bookingName);
    expect(toolCall(dialogue.handle({ type: 'caller_text', text: 'peter brown' }))).toEqual({
      type: 'call_tool',
      name: 'reschedule_appointment',
      args: { appointmentId: 'apt_1', customerName: 'Peter Brown', newDate: '2026-03-04', newTime: '10:00' },
    });
  });

  it('on a no, asks whether to move or cancel; cancelling asks to confirm, then cancels that booking', () => {
    const dialogue = reminderCall();
    dialogue.handle({ type: 'start' });
    expect(said(dialogue.handle({ type: 'caller_text', text: 'no' }))).toMatch(
      /move it to another time, or cancel/,
    );
    expect(said(dialogue.handle({ type: 'caller_text', text: 'please cancel it' }))).toBe(
      PROMPTS.bookingName,
    );
    expect(said(dialogue.handle({ type: 'caller_text', text: 'peter brown' }))).toMatch(/cancel it\?/);
    expect(toolCall(dialogue.handle({ type: 'caller_text', text: 'yes' }))).toEqual({
      type: 'call_tool',
      name: 'cancel_appointment',
      args: { appointmentId: 'apt_1', customerName: 'Peter Brown' },
    });
  });

  it('an inbound call (no purpose) keeps the ordinary "yes" handling', () => {
    const dialogue = new DialoguePolicy({
      business,
      greeting: 'Thanks for calling.',
      now: () => DateTime.fromISO('2026-03-02T14:00', { zone: 'America/New_York' }),
    });
    dialogue.handle({ type: 'start' });
    expect(toolCall(dialogue.handle({ type: 'caller_text', text: 'yes' }))).toBeUndefined();
  });
});
