import { parseWhen } from './datetime.ts';
import { askSpelling, unsureNameWord } from './flow-asks.ts';
import { advance, book } from './flows.ts';
import { nameIn } from './hear-caller.ts';
import { recognizeYesNo } from './intents.ts';
import { PROMPTS } from './prompts.ts';
import { spelledWord } from './spelling.ts';
import type { DialogueContext } from './state.ts';
import { takeSlots } from './take-slots.ts';

/** The answer to "shall I book it?" or "shall I cancel it?": yes acts, no (or a new time) changes course. */
export function hearConfirmation(ctx: DialogueContext, text: string, what: 'booking' | 'cancel'): void {
  const unsure = what === 'booking' ? unsureNameWord(ctx) : undefined;
  const spelled = unsure === undefined ? undefined : spelledWord(text);
  if (unsure !== undefined && spelled !== undefined) {
    // The read-back asked for the spelling of a name word the recogniser may have misheard.
    const words = (ctx.name ?? '').split(/\s+/);
    words[unsure] = spelled.charAt(0).toUpperCase() + spelled.slice(1);
    ctx.name = words.join(' ');
    ctx.spelled.add(unsure);
    ctx.decide('slot_filled', 'name spelled', { slot: 'name' });
    advance(ctx);
    return;
  }
  if (what === 'booking' && correctsName(ctx, text)) return;
  const answer = recognizeYesNo(text);
  if (answer === 'yes') {
    ctx.decide('confirmed', what);
    if (what === 'cancel' && ctx.appointment) {
      ctx.callTool('cancel_appointment', {
        appointmentId: ctx.appointment.id,
        customerName: ctx.name,
      });
      return;
    }
    book(ctx);
    return;
  }
  if (answer === 'no') {
    ctx.decide('declined', what);
    if (what === 'cancel') {
      ctx.anythingElse('Okay, I will leave it as it is.');
      return;
    }
    // Maybe a new time came with the no ("no, make it three"): take it and check again.
    takeSlots(ctx, text);
    if (!ctx.availabilityChecked) {
      advance(ctx);
      return;
    }
    ctx.date = undefined;
    ctx.time = undefined;
    ctx.availabilityChecked = false;
    ctx.ask('when', PROMPTS.newTime);
    return;
  }
  // "make it four": a change without a yes or no.
  const before = `${ctx.date}|${ctx.time}`;
  if (what === 'booking') takeSlots(ctx, text);
  if (`${ctx.date}|${ctx.time}` !== before) {
    advance(ctx);
    return;
  }
  ctx.failed('confirm', PROMPTS.yesOrNo);
}

/**
 * "No, my name is Daniel Nguyen" to the read-back: the name read back is not the caller's. The new one is
 * read back in turn (the engine heard it again without the rejected name); heard the same again, the
 * surname is asked to be spelled. A turn with a day or time in it changes the time instead.
 */
function correctsName(ctx: DialogueContext, text: string): boolean {
  const name = nameIn(ctx, text, false);
  if (name === undefined || !name.includes(' ') || recognizeYesNo(text) === 'yes') return false;
  const when = parseWhen(text, ctx.now());
  if (when.date !== undefined || when.time !== undefined) return false;
  const previous = ctx.name;
  if (previous !== undefined) ctx.rejectedNames.add(previous.toLowerCase());
  if (previous?.toLowerCase() === name.toLowerCase()) {
    ctx.decide(
      'name_rejected',
      'the caller said the name read back is wrong, and it was heard the same again',
      {},
    );
    askSpelling(ctx, name.split(' ').length - 1);
    return true;
  }
  ctx.name = name;
  ctx.spelled.clear();
  ctx.decide('slot_filled', 'name corrected', { slot: 'name' });
  advance(ctx);
  return true;
}

/** The answer to "shall I take a message instead?". */
export function hearOfferMessage(ctx: DialogueContext, text: string): void {
  if (recognizeYesNo(text) === 'yes') {
    ctx.decide('fallback', 'caller accepted taking a message');
    ctx.flow = 'message';
    ctx.failures.clear();
    if (ctx.reason === undefined && ctx.unansweredQuestion !== undefined) ctx.reason = ctx.unansweredQuestion;
    ctx.unansweredQuestion = undefined;
    advance(ctx);
    return;
  }
  ctx.flow = undefined;
  ctx.unansweredQuestion = undefined;
  ctx.failures.clear();
  ctx.ask('intent', PROMPTS.howElse);
}
