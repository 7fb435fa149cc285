import { spokenDigits } from '@receptionist/engine/language';
import type { RehearRequest } from '@receptionist/engine/local';
import { endsAName, extractName, extractPhone, speakDigits, speakPhone, titleCase } from './extract.ts';
import { advance } from './flows.ts';
import { recognizeYesNo } from './intents.ts';
import { extractReason, splitReason } from './message-reason.ts';
import { correctGroup, isDiallable } from './phone-groups.ts';
import { PROMPTS } from './prompts.ts';
import { spelledWord } from './spelling.ts';
import type { DialogueContext } from './state.ts';

/**
 * Hearing who the caller is: the name (with a message's reason said in the same breath), its spelling
 * when a word of it may be misheard, and a callback number read back in groups and confirmed.
 */

/** Most words a turn that is only a name has: "no my name is" and a first name and surname. */
const NAME_TURN_WORDS = 8;

/**
 * How to decode a turn again as a person's name, when a name is heard in it (given when asked for, or
 * led into: "this is …"). When the name is followed by more ("… and it's about my invoice"), the words
 * heard around it stay as heard and only the name is chosen again; a turn that is all name and lead-in is
 * heard again whole (its surname may have come out as several words, "ten thirty").
 */
export function nameRehearing(ctx: DialogueContext, text: string): RehearRequest | undefined {
  if (ctx.awaiting === 'tool' || ctx.awaiting === 'done') return undefined;
  const name = extractName(text, ctx.awaiting === 'name');
  if (name === undefined) return undefined;
  // A name in the answer to the booking's read-back corrects the one read back: that one is not it.
  const correcting =
    ctx.awaiting === 'confirm_booking' && recognizeYesNo(text) !== 'yes'
      ? ctx.name?.toLowerCase()
      : undefined;
  const exclude = [...ctx.rejectedNames, ...(correcting === undefined ? [] : [correcting])];
  const words = text.trim().toLowerCase().split(/\s+/);
  // Where the name starts, and the word that ends it ("and", "calling"…): between them the model heard at
  // least two words ("paul my arm"), which the grammar takes for a first name and a surname.
  const at = words.indexOf(name.toLowerCase().split(' ')[0] ?? '');
  const end = at < 0 ? -1 : words.findIndex((word, index) => index > at && endsAName(word));
  if (end - at >= 2) {
    return { as: 'person_name', exclude, around: { before: words.slice(0, at), after: words.slice(end) } };
  }
  return words.length <= NAME_TURN_WORDS ? { as: 'person_name', exclude } : undefined;
}

/**
 * The caller's name in a turn: as the names grammar heard it when the engine decoded the turn again
 * (`ctx.heardAsName`), else as the language model did.
 */
export function nameIn(ctx: DialogueContext, text: string, expectingName: boolean): string | undefined {
  const heard = extractName(text, expectingName);
  const reheard = ctx.heardAsName === undefined ? undefined : titleCase(ctx.heardAsName.split(' '));
  if (reheard === undefined || reheard === heard) return heard;
  // One name said alone ("it's Madison"): the grammar, which always finds two, heard the same first name
  // and made up a surname. A different first name means the model ran two words into one ("Eric Wood" as
  // "Edward").
  const singleNameAlone =
    heard !== undefined &&
    !heard.includes(' ') &&
    text.trim().toLowerCase().endsWith(heard.toLowerCase()) &&
    reheard.startsWith(`${heard} `);
  if (singleNameAlone) return heard;
  ctx.decide('name_reheard', 'the name taken from the names grammar, not the language model', {});
  return reheard;
}

/** "Maria Lopez calling about my invoice": the name, and the reason when the flow is a message. */
export function hearName(ctx: DialogueContext, text: string): void {
  const { before, reason } = splitReason(text);
  takeReason(ctx, reason);
  const name =
    nameIn(ctx, before, true) ?? (ctx.flow === 'message' && reason === undefined ? text.trim() : undefined);
  if (name === undefined) {
    if (reason !== undefined && ctx.flow === 'message') ctx.ask('name', PROMPTS.fullName);
    else ctx.failed('name', PROMPTS.fullName);
    return;
  }
  ctx.name = name;
  ctx.spelled.clear();
  ctx.decide('slot_filled', 'name', { slot: 'name' });
  advance(ctx);
}

/** A message's reason heard anywhere in a turn is kept (the first one given). */
export function takeReason(ctx: DialogueContext, reason: string | undefined): void {
  if (ctx.flow !== 'message' || reason === undefined || ctx.reason !== undefined) return;
  ctx.reason = reason;
  ctx.decide('slot_filled', 'message reason', { slot: 'reason' });
}

export function hearSpelling(ctx: DialogueContext, text: string): void {
  const index = ctx.spelling ?? 0;
  const word = spelledWord(text);
  if (word === undefined) {
    // Not letters: a caller who goes on talking ("it's about my bill") keeps the name as heard.
    const reason = extractReason(text);
    // "yes", "that's right": the caller stands by the name as heard.
    const talking =
      reason !== undefined || recognizeYesNo(text) !== undefined || text.trim().split(/\s+/).length >= 3;
    if (!talking && (ctx.failures.get('spelling') ?? 0) === 0) {
      ctx.failures.set('spelling', 1);
      ctx.ask('spell_name', PROMPTS.spellAgain);
      return;
    }
    takeReason(ctx, reason);
  }
  ctx.failures.delete('spelling');
  ctx.spelled.add(index);
  ctx.spelling = undefined;
  if (word !== undefined) {
    const words = (ctx.name ?? '').split(/\s+/);
    words[index] = word.charAt(0).toUpperCase() + word.slice(1);
    ctx.name = words.join(' ');
    ctx.decide('slot_filled', 'name spelled', { slot: 'name' });
  }
  advance(ctx);
}

/**
 * A number heard: kept, and when spoken read back in groups to be confirmed (keyed digits are exact).
 */
export function hearPhone(
  ctx: DialogueContext,
  phone: string | undefined,
  keyed = false,
  heardDigits = '',
): void {
  if (phone === undefined) {
    const misses = (ctx.failures.get('phone') ?? 0) + 1;
    if (ctx.flow === 'message' && misses >= 2) {
      // Twice without a full number: keep the message (name and reason) rather than lose it.
      ctx.phoneMissing = true;
      ctx.failures.delete('phone');
      ctx.decide('slot_failed', 'no callback number: the message is saved without one', { slot: 'phone' });
      advance(ctx);
      return;
    }
    // Read back what was heard, so the caller knows what to repeat.
    const partial =
      heardDigits.length >= 3
        ? `Sorry, I got ${speakDigits(heardDigits)}; that is ${heardDigits.length} digits. Could you say the whole number again, one digit at a time?`
        : PROMPTS.sayDigits;
    ctx.failed('phone', partial);
    return;
  }
  ctx.phone = phone;
  ctx.phoneConfirmed = keyed;
  ctx.keyedDigits = '';
  if (!keyed && !isDiallable(phone)) {
    // Ten digits, but no real area code or exchange: a digit was misheard. Read it back so the caller
    // can correct the group that is wrong rather than the whole number.
    ctx.decide('slot_failed', 'the number heard is not a diallable number', { slot: 'phone' });
    ctx.ask(
      'confirm_phone',
      `I have ${speakPhone(phone)}, but that doesn't look like a full phone number. Which part is wrong? You can say just that part, say the whole number again, or key it in.`,
    );
    return;
  }
  ctx.decide('slot_filled', 'phone number', { slot: 'phone' });
  advance(ctx);
}

/**
 * Yes keeps the number; a number said instead replaces it; one group said ("no, two one two") replaces
 * the group it corrects; a bare no asks which part is wrong.
 */
export function hearPhoneConfirmation(ctx: DialogueContext, text: string): void {
  const answer = recognizeYesNo(text);
  const corrected =
    extractPhone(text) ?? (ctx.phone === undefined ? undefined : correctGroup(ctx.phone, text));
  if (corrected !== undefined && corrected !== ctx.phone) {
    ctx.decide('corrected', 'phone number', { slot: 'phone' });
    hearPhone(ctx, corrected);
    return;
  }
  const digits = spokenDigits(text);
  if (corrected === undefined && digits.length >= 5) {
    // A whole number again, with a digit lost: say what was heard, as when the number was first asked.
    hearPhone(ctx, undefined, false, digits);
    return;
  }
  if (answer === 'yes' && ctx.phone !== undefined && !isDiallable(ctx.phone)) {
    ctx.ask('phone', PROMPTS.phoneAgain);
    return;
  }
  if (answer === 'yes') {
    ctx.phoneConfirmed = true;
    ctx.decide('confirmed', 'phone number');
    advance(ctx);
    return;
  }
  if (answer === 'no') {
    // The number stays, so the next turn can correct one group of it or give the whole number again.
    ctx.ask('confirm_phone', PROMPTS.phoneWhichPart);
    return;
  }
  ctx.failed('confirm_phone', PROMPTS.yesOrNo);
}
