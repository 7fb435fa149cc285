import { askedService, findService } from './service-match.ts';
import type { DialogueContext } from './state.ts';
import { hearWhen } from './when-in-context.ts';

/**
 * Takes the service (or the unknown thing asked for) and the day and time from a turn, reading times in
 * the call's context: the day already discussed, the booking being moved, the opening hours.
 */
export function takeSlots(ctx: DialogueContext, text: string): void {
  const service = findService(text, ctx.business.services);
  if (service && ctx.flow === 'book') {
    ctx.service = service;
    ctx.decide('slot_filled', `service ${service.name}`, { slot: 'service', serviceId: service.id });
  } else if (!ctx.service && ctx.flow === 'book') {
    ctx.unknownService = askedService(text);
  }
  const when = hearWhen(text, {
    now: ctx.now(),
    date: ctx.date,
    time: ctx.time,
    reference: ctx.flow === 'reschedule' ? ctx.appointment?.startsAt : undefined,
    openingHours: ctx.business.openingHours,
  });
  if (when.date) ctx.date = when.date;
  if (when.time) ctx.time = when.time;
  if (when.date || when.time) {
    ctx.availabilityChecked = false;
    ctx.decide('slot_filled', 'date/time', {
      slot: 'when',
      date: ctx.date,
      time: ctx.time,
    });
  }
}
