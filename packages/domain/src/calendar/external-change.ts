import { cancelAppointment } from '../appointments/cancel.ts';
import { rescheduleAppointment } from '../appointments/reschedule.ts';
import { type DomainContext, localDate, localTimeOf } from '../availability/index.ts';
import { DomainError } from '../errors.ts';
import { recordBusinessEvent } from '../events/record.ts';
import type { ExternalEventChange } from './sync.ts';

/**
 * Follows a change the owner made in Google to one of our events: a deleted event cancels the
 * appointment, a moved one reschedules it, both through the booking verbs as the `system` actor, so the
 * usual `appointment.*` events tell the owner (notifications) and webhooks. A move the booking rules
 * refuse (closed, taken) leaves the appointment where it was and tells the owner why
 * (`calendar.needs_attention`). The link remembers where the event now is, so it is followed once.
 */
export async function applyExternalEventChange({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: { connectionId: string; change: ExternalEventChange };
}): Promise<{ outcome: 'cancelled' | 'moved' | 'refused' | 'ignored' }> {
  const system: DomainContext = { ...ctx, actor: { kind: 'system' } };
  const { change } = input;
  const appointment = await ctx.tenant.appointments.get(change.appointmentId);
  const link = await ctx.tenant.calendar.getLink(change.appointmentId, input.connectionId);
  if (appointment === undefined || link === undefined) return { outcome: 'ignored' };
  if (change.kind === 'deleted') {
    await ctx.tenant.calendar.saveLink({ ...link, deletedAt: ctx.nowMs });
    if (appointment.status !== 'booked') return { outcome: 'ignored' };
    await cancelAppointment({ ctx: system, input: { appointmentId: appointment.id } });
    return { outcome: 'cancelled' };
  }
  await ctx.tenant.calendar.saveLink({ ...link, startAt: change.startAt, endAt: change.endAt });
  if (appointment.status !== 'booked' || appointment.startAt === change.startAt)
    return { outcome: 'ignored' };
  try {
    await rescheduleAppointment({
      ctx: system,
      input: {
        appointmentId: appointment.id,
        newDate: localDate(ctx.profile, change.startAt),
        newTime: localTimeOf(ctx.profile, change.startAt),
      },
    });
    return { outcome: 'moved' };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    await recordBusinessEvent({
      ctx: { tenant: ctx.tenant, nowMs: ctx.nowMs },
      input: {
        type: 'calendar.needs_attention',
        data: {
          reason: 'move_refused',
          appointmentId: appointment.id,
          connectionId: input.connectionId,
          movedTo: {
            date: localDate(ctx.profile, change.startAt),
            time: localTimeOf(ctx.profile, change.startAt),
          },
          code: error.code,
          message: error.message,
        },
      },
    });
    return { outcome: 'refused' };
  }
}
