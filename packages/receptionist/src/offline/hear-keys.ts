import { phoneFromDigits } from './extract.ts';
import { advance } from './flows.ts';
import { hearPhone } from './hear-caller.ts';
import { PROMPTS } from './prompts.ts';
import type { DialogueContext } from './state.ts';

/** The one-time code the business texted, said or keyed: six digits. */
export function hearCode(ctx: DialogueContext, digits: string): void {
  if (/^\d{6}$/.test(digits)) {
    ctx.verificationCode = digits;
    ctx.keyedDigits = '';
    ctx.decide('slot_filled', 'verification code', { slot: 'verification_code' });
    advance(ctx);
    return;
  }
  ctx.keyedDigits = '';
  ctx.failed('verification_code', PROMPTS.codeDigits);
}

/** A keypad digit: code and number entry, 1/2 for yes/no at a question, else ignored (and logged). */
export function hearKey(ctx: DialogueContext, digit: string, hear: (text: string) => void): void {
  if (ctx.awaiting === 'verification_code') {
    if (!/^\d$/.test(digit)) return;
    ctx.keyedDigits += digit;
    if (ctx.keyedDigits.length === 6) hearCode(ctx, ctx.keyedDigits);
    return;
  }
  if (ctx.awaiting === 'confirm_phone' && /^\d$/.test(digit)) {
    // Keying in while a number is read back: the keyed number replaces the one heard.
    ctx.awaiting = 'phone';
    ctx.keyedDigits = '';
  }
  if (ctx.awaiting === 'phone') {
    if (digit === '#') {
      hearPhone(ctx, phoneFromDigits(ctx.keyedDigits), true);
      return;
    }
    if (!/^\d$/.test(digit)) return;
    ctx.keyedDigits += digit;
    const phone = phoneFromDigits(ctx.keyedDigits);
    if (phone && (ctx.keyedDigits.length === 11 || !ctx.keyedDigits.startsWith('1'))) {
      hearPhone(ctx, phone, true);
    }
    return;
  }
  if (
    ctx.awaiting === 'confirm_booking' ||
    ctx.awaiting === 'confirm_cancel' ||
    ctx.awaiting === 'offer_message'
  ) {
    if (digit === '1') {
      hear('yes');
      return;
    }
    if (digit === '2') {
      hear('no');
      return;
    }
  }
  ctx.decide('dtmf_ignored', `digit while ${ctx.awaiting}`, { awaiting: ctx.awaiting });
}
