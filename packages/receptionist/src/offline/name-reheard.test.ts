import type { BusinessBrief } from '@receptionist/engine';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DialoguePolicy } from './dialogue.ts';
import { said, toolCall as tool } from './testing/policy-actions.ts';
import type { PolicyAction } from './types.ts';

const plumber: BusinessBrief = {
  name: 'Quick Fix Plumbing',
  timeZone: 'America/Denver',
  services: [{ id: 'leak', name: 'Leak Repair', durationMinutes: 60 }],
  transferDestinations: [{ id: 'office', name: 'Office' }],
  vocabulary: ['Quick Fix'],
};
// Monday 2 March 2026, 10:00 in Denver.
const now = () => DateTime.fromISO('2026-03-02T10:00', { zone: 'America/Denver' });

/** A call to the plumber from a number that can be called back. */
function plumberCall(): DialoguePolicy {
  return new DialoguePolicy({
    business: plumber,
    greeting: 'Quick Fix, hello.',
    callerNumber: '+17205550100',
    now,
  });
}

function messageCall(): DialoguePolicy {
  const dialogue = plumberCall();
  dialogue.handle({ type: 'start' });
  dialogue.handle({ type: 'caller_text', text: 'i would like to leave a message' });
  return dialogue;
}
const took = (actions: PolicyAction[]) =>
  actions.find((action) => action.type === 'call_tool' && action.name === 'take_message');

describe('a name turn decoded again with the names grammar', () => {
  it('asks for it when a turn gives a name, keeping the words heard around a name followed by more', () => {
    const dialogue = messageCall();
    expect(dialogue.awaiting).toBe('name');
    expect(dialogue.rehearAs('my name is mark ten thirty')).toEqual({ as: 'person_name', exclude: [] });
    expect(dialogue.rehearAs('mark sanders')).toEqual({ as: 'person_name', exclude: [] });
    // A turn that says more than a name: the words around it stay as heard.
    expect(dialogue.rehearAs('this is mark sanders and i am calling about the invoice')).toEqual({
      as: 'person_name',
      exclude: [],
      around: { before: ['this', 'is'], after: ['and', 'i', 'am', 'calling', 'about', 'the', 'invoice'] },
    });
    // The model's words between the name's start and the word that ends it are the name's place.
    expect(dialogue.rehearAs('this is paul my arm and it is about the invoice you sent')).toMatchObject({
      around: {
        before: ['this', 'is'],
        after: ['and', 'it', 'is', 'about', 'the', 'invoice', 'you', 'sent'],
      },
    });
    // One word there is one name, not two; a long turn with no word that ends the name: no telling where it is.
    expect(dialogue.rehearAs('this is paul and it is about the invoice you sent me')).toBeUndefined();
    expect(
      dialogue.rehearAs('this is mark sanders thirty the invoice you sent me was wrong'),
    ).toBeUndefined();
    // Asked for a time, a bare answer is no name; a name led into still is.
    const booking = plumberCall();
    booking.handle({ type: 'caller_text', text: 'i need a leak repair' });
    expect(booking.awaiting).toBe('when');
    expect(booking.rehearAs('friday at ten')).toBeUndefined();
    expect(booking.rehearAs('my name is mark sanders')).toBeDefined();
  });

  it('stores the name the grammar heard over the language model\'s "mark ten thirty"', () => {
    const dialogue = messageCall();
    const named = dialogue.handle({
      type: 'caller_text',
      text: 'my name is mark ten thirty',
      heardAsName: 'mark sanders',
    });
    expect(named).toContainEqual(expect.objectContaining({ type: 'decision', kind: 'name_reheard' }));
    const message = took(dialogue.handle({ type: 'caller_text', text: 'it is about the invoice you sent' }));
    expect(message).toMatchObject({ args: { callerName: 'Mark Sanders' } });
  });

  /** The caller name of the message taken after a name turn (heard again as `heardAsName`) and a reason. */
  function messageFrom(text: string, heardAsName?: string): unknown {
    const dialogue = messageCall();
    dialogue.handle({ type: 'caller_text', text, heardAsName });
    const message = took(dialogue.handle({ type: 'caller_text', text: 'it is about the invoice you sent' }));
    return message?.type === 'call_tool' ? message.args.callerName : undefined;
  }

  it('keeps a single name said alone: the grammar always finds two', () => {
    expect(messageFrom("it's madison", 'madison morgan')).toBe('Madison');
  });

  it("keeps the language model's name when the turn was not decoded again", () => {
    expect(messageFrom('my name is mark sanders')).toBe('Mark Sanders');
  });

  it('takes the two names of the grammar over one the model ran them into (Eric Wood heard as Edward)', () => {
    expect(messageFrom('my name is edward', 'eric wood')).toBe('Eric Wood');
  });

  /** A leak repair on Friday at 10, read back for "daniel morgan". */
  function readBackForMorgan(): DialoguePolicy {
    const dialogue = plumberCall();
    dialogue.handle({ type: 'caller_text', text: 'i need a leak repair on friday at ten a m' });
    dialogue.handle({
      type: 'tool_result',
      name: 'check_availability',
      result: { ok: true, message: 'Free.', data: { slots: [{ date: '2026-03-06', time: '10:00' }] } },
    });
    const readBack = said(dialogue.handle({ type: 'caller_text', text: 'my name is daniel morgan' }));
    expect(readBack).toMatch(/for Daniel Morgan, phone number .* Shall I book it\?$/);
    return dialogue;
  }

  it('hears a name given to correct the read-back without the name read back, and reads the new one back', () => {
    const dialogue = readBackForMorgan();
    expect(dialogue.rehearAs('no my name is daniel morgan')).toEqual({
      as: 'person_name',
      exclude: ['daniel morgan'],
    });
    const corrected = dialogue.handle({
      type: 'caller_text',
      text: 'no my name is daniel morgan',
      heardAsName: 'daniel nguyen',
    });
    expect(said(corrected)).toMatch(/for Daniel Nguyen, phone number .* Shall I book it\?$/);
    // Rejected once, never heard again on this call, even where it is not the name read back.
    expect(dialogue.rehearAs('yes my name is daniel nguyen')).toEqual({
      as: 'person_name',
      exclude: ['daniel morgan'],
    });
    expect(tool(dialogue.handle({ type: 'caller_text', text: 'yes please' }))).toMatchObject({
      name: 'book_appointment',
      args: { customerName: 'Daniel Nguyen' },
    });
  });

  it('asks for the surname spelled when the corrected name is heard the same again', () => {
    const dialogue = readBackForMorgan();
    expect(said(dialogue.handle({ type: 'caller_text', text: 'no my name is daniel morgan' }))).toMatch(
      /spell your last name/,
    );
    expect(dialogue.awaiting).toBe('spell_name');
  });

  it('takes "no, make it friday at eleven" as a new time, not a name', () => {
    const dialogue = readBackForMorgan();
    const actions = dialogue.handle({ type: 'caller_text', text: "no it's friday at eleven a m" });
    expect(tool(actions)).toMatchObject({ name: 'check_availability', args: { preferredTime: '11:00' } });
  });

  it('leaves out a name that matched no booking when the caller says it once more', () => {
    const dialogue = plumberCall();
    dialogue.handle({ type: 'caller_text', text: 'i need to cancel my appointment' });
    dialogue.handle({ type: 'caller_text', text: 'my name is heather kim' });
    const again = dialogue.handle({
      type: 'tool_result',
      name: 'find_my_appointments',
      result: { ok: false, code: 'verification_failed', message: 'No booking under that name.' },
    });
    expect(said(again)).toMatch(/once more\?$/);
    expect(dialogue.rehearAs('my name is heather kim')).toEqual({
      as: 'person_name',
      exclude: ['heather kim'],
    });
  });
});
