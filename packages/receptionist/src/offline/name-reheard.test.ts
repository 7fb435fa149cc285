import type { BusinessBrief } from '@receptionist/engine';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DialoguePolicy } from './dialogue.ts';
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

function messageCall(): DialoguePolicy {
  const dialogue = new DialoguePolicy({
    business: plumber,
    greeting: 'Quick Fix, hello.',
    callerNumber: '+17205550100',
    now,
  });
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
    // A long turn whose name is not followed by a word that ends one: no telling where the name is.
    expect(
      dialogue.rehearAs('this is mark sanders thirty i am calling about the invoice you sent'),
    ).toBeUndefined();
    // Asked for a time, a bare answer is no name; a name led into still is.
    const booking = new DialoguePolicy({
      business: plumber,
      greeting: 'Hello.',
      callerNumber: '+17205550100',
      now,
    });
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
});
