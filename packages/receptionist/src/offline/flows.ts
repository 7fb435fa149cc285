import { listWords } from '@receptionist/engine/language';
import { DateTime } from 'luxon';
import { describeDate, describeWhen } from './datetime.ts';
import { speakPhone } from './extract.ts';
import { askNameAgain, askPhoneConfirmation, askSpelling, unsureNameWord } from './flow-asks.ts';
import { PROMPTS } from './prompts.ts';
import type { DialogueContext } from './state.ts';

/** Asks for the next missing slot of the current flow, or calls the flow's tool once nothing is missing. */
export function advance(ctx: DialogueContext): void {
  const zone = ctx.business.timeZone;
  // A name word the recogniser may have misheard, in a message, is asked for once more and then spelled
  // before the message is taken. A booking's read-back asks for the spelling in the same breath instead (see
  // below), so a yes still books at once; looking a booking up compares the name on file.
  const unsure = ctx.flow === 'message' && ctx.name !== undefined ? unsureNameWord(ctx) : undefined;
  if (unsure !== undefined) {
    if (ctx.nameAskedAgain) askSpelling(ctx, unsure);
    else askNameAgain(ctx);
    return;
  }
  switch (ctx.flow) {
    case 'book': {
      if (!ctx.service && ctx.business.services.length === 1) ctx.service = ctx.business.services[0];
      if (!ctx.service) {
        const names = ctx.business.services.map((service) => service.name);
        const unknown = ctx.unknownService;
        ctx.unknownService = undefined;
        ctx.ask(
          'service',
          unknown === undefined
            ? `Sure. Which service would you like? We offer ${listWords(names, 'or')}.`
            : `Sorry, we don't offer ${unknown}. What we offer is ${listWords(names, 'and')}. Which would you like?`,
        );
        return;
      }
      if (ctx.date && !ctx.time && !ctx.availabilityChecked && closedOn(ctx, ctx.date)) {
        // A closed day: the availability check says so and names the next opening.
        ctx.callTool('check_availability', { service: ctx.service.name, date: ctx.date });
        return;
      }
      if (!ctx.date && !ctx.time) {
        ctx.ask('when', `What day and time would you like for your ${ctx.service.name}?`);
        return;
      }
      if (!ctx.date) {
        ctx.ask('when', PROMPTS.whichDay);
        return;
      }
      if (!ctx.time) {
        ctx.ask('when', `What time on ${describeDate(ctx.date, zone)}?`);
        return;
      }
      if (!ctx.availabilityChecked) {
        ctx.callTool('check_availability', {
          service: ctx.service.name,
          date: ctx.date,
          preferredTime: ctx.time,
        });
        return;
      }
      if (!ctx.name) {
        ctx.ask('name', PROMPTS.name);
        return;
      }
      if (!ctx.phone) {
        ctx.ask('phone', PROMPTS.phone);
        return;
      }
      ctx.ask(
        'confirm_booking',
        `Let me read that back: a ${ctx.service.name} on ${describeWhen(ctx.date, ctx.time, zone)}, for ${ctx.name}, phone number ${speakPhone(ctx.phone)}. Shall I book it?${unsureNameWord(ctx) === undefined ? '' : ' If I have your name wrong, spell it for me.'}`,
      );
      return;
    }
    case 'message':
      if (!ctx.name) {
        ctx.ask('name', PROMPTS.messageName);
        return;
      }
      if (!ctx.phone && !ctx.phoneMissing) {
        ctx.ask('phone', ctx.callerNumber === undefined ? PROMPTS.noCallerId : PROMPTS.callbackNumber);
        return;
      }
      if (ctx.phone && ctx.phone !== ctx.callerNumber && !ctx.phoneConfirmed) {
        askPhoneConfirmation(ctx);
        return;
      }
      if (!ctx.reason) {
        ctx.ask('message_reason', PROMPTS.messageReason);
        return;
      }
      ctx.callTool('take_message', {
        callerName: ctx.name,
        reason: ctx.reason,
        ...phoneIfNotCallerId(ctx, 'callbackNumber'),
      });
      return;
    case 'reschedule':
    case 'cancel':
    case 'check':
      // A booking is read or changed only for the customer whose number is calling AND who gives the
      // name on file (the business's verification policy): caller ID alone proves nothing. A reminder call
      // knows its booking already, but the person who answers must still give the name before it changes.
      if (!ctx.name) {
        ctx.ask('name', PROMPTS.bookingName);
        return;
      }
      if (!ctx.appointment) {
        ctx.callTool('find_my_appointments', {
          customerName: ctx.name,
          ...(ctx.verificationCode ? { verificationCode: ctx.verificationCode } : {}),
        });
        return;
      }
      if (ctx.flow === 'reschedule') {
        if (!ctx.date) {
          ctx.ask('when', PROMPTS.moveTo);
          return;
        }
        if (!ctx.time) {
          // "move it to Wednesday": the day is known; "the same time" keeps the booking's.
          ctx.ask('when', `What time on ${describeDate(ctx.date, zone)}?`);
          return;
        }
        ctx.callTool('reschedule_appointment', {
          appointmentId: ctx.appointment.id,
          customerName: ctx.name,
          newDate: ctx.date,
          newTime: ctx.time,
        });
        return;
      }
      ctx.ask('confirm_cancel', PROMPTS.confirmCancel);
      return;
    case undefined:
      ctx.ask('intent', PROMPTS.howCanIHelp);
      return;
  }
}

export function book(ctx: DialogueContext): void {
  if (!ctx.service || !ctx.date || !ctx.time) {
    advance(ctx);
    return;
  }
  ctx.callTool('book_appointment', {
    service: ctx.service.name,
    date: ctx.date,
    time: ctx.time,
    customerName: ctx.name,
    ...phoneIfNotCallerId(ctx, 'phone'),
  });
}

/** The tools use caller ID by default and take a number only when it differs. */
export function phoneIfNotCallerId(ctx: DialogueContext, key: string): Record<string, string> {
  return ctx.phone && ctx.phone !== ctx.callerNumber ? { [key]: ctx.phone } : {};
}

/** The business's weekly hours close on that date's weekday (closures are the availability check's). */
export function closedOn(ctx: DialogueContext, date: string): boolean {
  const hours = ctx.business.openingHours;
  if (hours === undefined) return false;
  const weekday = DateTime.fromISO(date, { zone: ctx.business.timeZone }).toFormat('cccc').toLowerCase();
  return hours[weekday] == null;
}
