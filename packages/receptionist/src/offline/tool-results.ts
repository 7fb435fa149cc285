import type { ToolResult } from '@receptionist/engine';
import { listWords } from '@receptionist/engine/language';
import { DateTime } from 'luxon';
import { toolData } from '../tools/data.ts';
import { describeDate, describeWhen } from './datetime.ts';
import { advance, phoneIfNotCallerId } from './flows.ts';
import { PROMPTS } from './prompts.ts';
import type { DialogueContext } from './state.ts';
import { firstAppointment, freeSlotStarts } from './tool-data.ts';

/** What the policy does with a tool's answer: confirm, offer alternatives, retry a slot, or move on. */
export function handleToolResult(ctx: DialogueContext, name: string, result: ToolResult): void {
  if (name !== ctx.pendingTool) {
    ctx.decide('tool_result_ignored', `unexpected result from ${name}`, { name });
    return;
  }
  ctx.pendingTool = undefined;
  ctx.awaiting = 'intent';
  switch (name) {
    case 'check_availability':
      availabilityResult(ctx, result);
      return;
    case 'book_appointment':
      if (result.ok) {
        ctx.decide('booked', 'appointment booked', { date: ctx.date, time: ctx.time });
        ctx.anythingElse(result.message);
        return;
      }
      ctx.availabilityChecked = false;
      ctx.time = undefined;
      ctx.decide('booking_failed', result.code ?? 'failed', { code: result.code });
      ctx.failed('when', `${result.message} What other time would work for you?`, 'when');
      return;
    case 'find_my_appointments':
      appointmentsResult(ctx, result);
      return;
    case 'send_verification_code':
      if (result.ok) {
        ctx.ask('verification_code', result.message);
        return;
      }
      ctx.anythingElse(result.message);
      return;
    case 'transfer_call':
      if (result.ok) {
        ctx.say(result.message);
        return;
      }
      ctx.ask('offer_message', `${result.message} Would you like me to take a message instead?`);
      return;
    case 'end_call':
      ctx.awaiting = 'done';
      return;
    case 'answer_question':
      questionResult(ctx, result);
      return;
    default:
      if (name === 'take_message' && ctx.goodbyeAfterMessage) {
        ctx.say(`${result.message} Thank you for calling ${ctx.business.name}. Goodbye!`);
        ctx.callTool('end_call', { reason: 'caller said goodbye' });
        return;
      }
      ctx.anythingElse(result.message);
      return;
  }
}

/**
 * A "did you mean" is asked and the caller's answer heard as a new request; a turn that was only guessed
 * to be a question and found nothing is "not caught" (with the menu of what the agent can do).
 */
function questionResult(ctx: DialogueContext, result: ToolResult): void {
  const guessed = ctx.questionGuessed;
  ctx.questionGuessed = false;
  if (toolData('answer_question', result)?.suggestions !== undefined) {
    ctx.ask('intent', result.message);
    return;
  }
  if (!result.ok && guessed) {
    ctx.unansweredQuestion = undefined;
    ctx.failed('intent', PROMPTS.notCaught);
    return;
  }
  if (!result.ok && result.code === 'no_answer') {
    // The question becomes the message's reason if the caller wants one.
    ctx.ask('offer_message', PROMPTS.noAnswerOfferMessage);
    return;
  }
  ctx.unansweredQuestion = undefined;
  ctx.anythingElse(result.message);
}

/** Nothing free on the day (or the business is closed then): the tool's sentence, and its next opening. */
function nothingFree(ctx: DialogueContext, result: ToolResult): void {
  const next = toolData('check_availability', result)?.next;
  ctx.date = undefined;
  ctx.time = undefined;
  if (next?.date !== undefined && next.time !== undefined) {
    ctx.offered = { date: next.date, time: next.time };
    ctx.decide('alternatives_offered', 'nothing free that day: the next opening', { offered: ctx.offered });
    ctx.ask('when', `${result.message} Would that work, or is another day better?`);
    return;
  }
  ctx.failed('when', `${result.message} Which other day would work?`, 'when');
}

function availabilityResult(ctx: DialogueContext, result: ToolResult): void {
  const zone = ctx.business.timeZone;
  if (result.ok && freeSlotStarts(result)?.length === 0) {
    nothingFree(ctx, result);
    return;
  }
  if (result.ok && ctx.date && !ctx.time) {
    // Checked a day before its time was asked (a day the weekly hours close on turned out open).
    ctx.ask('when', `What time on ${describeDate(ctx.date, zone)}?`);
    return;
  }
  if (!result.ok || !ctx.date || !ctx.time) {
    ctx.time = undefined;
    ctx.failed('when', `${result.message} What other day or time would work?`, 'when');
    return;
  }
  const wanted = DateTime.fromISO(`${ctx.date}T${ctx.time}`, { zone });
  const starts = freeSlotStarts(result);
  const free = starts?.map((start) => DateTime.fromISO(start, { zone }));
  if (free === undefined || free.some((slot) => slot.toMillis() === wanted.toMillis())) {
    ctx.availabilityChecked = true;
    ctx.decide('slot_available', 'requested time is free', { date: ctx.date, time: ctx.time });
    advance(ctx);
    return;
  }
  const nearest = [...free]
    .sort((a, b) => Math.abs(a.diff(wanted).toMillis()) - Math.abs(b.diff(wanted).toMillis()))
    .slice(0, 3)
    .sort((a, b) => a.toMillis() - b.toMillis());
  const requested = describeWhen(ctx.date, ctx.time, zone);
  ctx.time = undefined;
  ctx.decide('alternatives_offered', 'requested time is taken', {
    requested: wanted.toISO(),
    offered: nearest.map((slot) => slot.toISO()),
  });
  const times = nearest.map((slot) => slot.toFormat(slot.minute === 0 ? 'h a' : 'h:mm a'));
  ctx.failed(
    'when',
    `Sorry, ${requested} is not available. I have ${listWords(times, 'or')}. Which would you like?`,
    'when',
  );
}

function appointmentsResult(ctx: DialogueContext, result: ToolResult): void {
  const appointment = result.ok ? firstAppointment(result) : undefined;
  // The business texts a code to the number on file: send it, then ask for it.
  if (result.code === 'verification_required' && codeMethod(result)) {
    ctx.decide('verification_code_needed', 'the business verifies callers with a texted code');
    ctx.callTool('send_verification_code', phoneIfNotCallerId(ctx, 'phone'));
    return;
  }
  if (result.code === 'verification_failed' && ctx.verificationCode !== undefined) {
    // A wrong code is asked for again (the tools limit the attempts and then refuse).
    ctx.verificationCode = undefined;
    ctx.ask('verification_code', result.message);
    return;
  }
  // A name that did not match is asked for afresh, never retried as is: once more in this flow (a
  // recogniser that misheard "Sarah Kim" as "Heather Kim" may hear it right the second time, the more so
  // as the names grammar then leaves "Heather Kim" out), then not.
  if (result.code === 'verification_failed') {
    const heard = ctx.name;
    ctx.name = undefined;
    if (heard?.includes(' ')) ctx.rejectedNames.add(heard.toLowerCase());
    if (ctx.flow !== undefined && !ctx.failures.has('booking_name')) {
      ctx.failures.set('booking_name', 1);
      ctx.decide('slot_failed', 'no booking under the name heard: asking for it once more', { slot: 'name' });
      ctx.ask(
        'name',
        `I couldn't find a booking under ${heard ?? 'that name'} from the number you're calling from. Could you say the full name on the booking once more?`,
      );
      return;
    }
  }
  if (ctx.flow === 'check' || !appointment) {
    ctx.anythingElse(result.message);
    return;
  }
  ctx.appointment = appointment;
  ctx.decide('appointment_found', 'found the caller appointment', { appointmentId: appointment.id });
  if (ctx.flow === 'cancel') {
    ctx.ask('confirm_cancel', `${result.message} Would you like me to cancel it?`);
    return;
  }
  ctx.say(result.message);
  advance(ctx);
}

function codeMethod(result: ToolResult): boolean {
  const data = result.data as { method?: unknown } | undefined;
  return data?.method === 'sms_code';
}
