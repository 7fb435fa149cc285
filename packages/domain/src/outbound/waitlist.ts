import { AppointmentOverlapError, type WaitlistEntryRow } from '@receptionist/db';
import { z } from 'zod';
import { formatDate, formatTime, localDate, localTimeOf } from '../availability/calendar.ts';
import { type DomainContext, resolveService } from '../availability/index.ts';
import { bookAppointment } from '../appointments/book.ts';
import { toAppointmentView } from '../appointments/view.ts';
import { findOrCreateCustomer } from '../customers/index.ts';
import { DomainError } from '../errors.ts';
import { businessCallerId, contactRefusal } from './contact-rules.ts';

export const AddToWaitlistInput = z.object({
  phone: z.string().trim().min(3).max(40),
  name: z.string().trim().min(1).max(100).optional(),
  /** Service id or name. */
  service: z.string().trim().min(1).max(100),
});

/** Puts someone on the waitlist for a service: a slot freed by a cancellation is offered to them by SMS. */
export async function addToWaitlist({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: z.input<typeof AddToWaitlistInput>;
}): Promise<WaitlistEntryRow> {
  const parsed = AddToWaitlistInput.parse(input);
  const service = resolveService(ctx.profile, parsed.service);
  return ctx.tenant.transaction(async (tenant) => {
    const customer = await findOrCreateCustomer(tenant, { phone: parsed.phone, name: parsed.name });
    return tenant.outbound.addToWaitlist({
      customerId: customer.id,
      phone: customer.phone,
      serviceId: service.id,
    });
  });
}

export interface WaitlistOfferSms {
  entryId: string;
  from: string;
  to: string;
  body: string;
}

/**
 * A booking was cancelled: its slot is offered by SMS to the first few people waiting for that service
 * (the business's `waitlistOfferSize`), oldest first. The first YES books it; the others hear it is gone.
 */
export async function offerFreedSlot({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: { serviceId: string; startAt: number };
}): Promise<WaitlistOfferSms[]> {
  const policy = ctx.profile.outbound;
  if (!policy.waitlistOffers || input.startAt <= ctx.nowMs) return [];
  const from = await businessCallerId(ctx.tenant);
  if (from === undefined) return [];
  const waiting = await ctx.tenant.outbound.waitlist({ serviceId: input.serviceId, status: 'waiting' });
  const service = ctx.profile.services.find((candidate) => candidate.id === input.serviceId);
  if (service === undefined) return [];
  const spoken = `${service.name} on ${formatDate(ctx.profile, localDate(ctx.profile, input.startAt))} at ${formatTime(ctx.profile, input.startAt)}`;
  const body = `${ctx.profile.name}: a ${spoken} just opened up. Reply YES to take it; first come, first served.`;
  // Offers already made for this slot come first, so a retried run re-sends the same texts (the sender
  // deduplicates by recipient) instead of offering the slot to more people.
  const already = (
    await ctx.tenant.outbound.waitlist({ serviceId: input.serviceId, status: 'offered' })
  ).filter((entry) => entry.offeredStartAt === input.startAt);
  const offers: WaitlistOfferSms[] = already.map((entry) => ({
    entryId: entry.id,
    from,
    to: entry.phone,
    body,
  }));
  for (const entry of waiting) {
    if (offers.length >= policy.waitlistOfferSize) break;
    if ((await contactRefusal(ctx.tenant, entry.phone)) !== undefined) continue;
    await ctx.tenant.outbound.updateWaitlistEntry(entry.id, {
      status: 'offered',
      offeredStartAt: input.startAt,
      offeredAt: ctx.nowMs,
    });
    offers.push({ entryId: entry.id, from, to: entry.phone, body });
  }
  return offers;
}

/**
 * A YES from someone who was offered a slot: books it for them through the booking verb, so the overlap
 * guard decides a race (the first YES wins; a later one hears the slot is gone and stays on the list).
 * Undefined when this number has no open offer.
 */
export async function claimWaitlistOffer({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: { phone: string };
}): Promise<{ booked: boolean; reply: string } | undefined> {
  const offered = (await ctx.tenant.outbound.waitlist({ phone: input.phone, status: 'offered' })).filter(
    (entry) => entry.offeredStartAt !== null && entry.offeredStartAt > ctx.nowMs,
  );
  const entry = offered.at(-1);
  if (entry === undefined || entry.offeredStartAt === null) return undefined;
  const service = ctx.profile.services.find((candidate) => candidate.id === entry.serviceId);
  const customer = await ctx.tenant.customers.get(entry.customerId);
  if (service === undefined || customer === undefined) return undefined;
  try {
    const booked = await bookAppointment({
      ctx: { ...ctx, actor: { kind: 'system' } },
      input: {
        service: service.id,
        date: localDate(ctx.profile, entry.offeredStartAt),
        time: localTimeOf(ctx.profile, entry.offeredStartAt),
        customerName: customer.name ?? 'Waitlist customer',
        phone: customer.phone,
        notes: 'Booked from the waitlist by SMS',
      },
    });
    await ctx.tenant.outbound.updateWaitlistEntry(entry.id, {
      status: 'booked',
      appointmentId: booked.appointment.id,
    });
    const view = toAppointmentView(ctx.profile, booked.appointment);
    return { booked: true, reply: `You're booked: ${view.spoken}. See you then!` };
  } catch (error) {
    const taken =
      error instanceof AppointmentOverlapError ||
      (error instanceof DomainError && error.code === 'slot_taken');
    if (!taken) throw error;
    await ctx.tenant.outbound.updateWaitlistEntry(entry.id, { status: 'waiting' });
    return { booked: false, reply: 'Sorry, that slot was just taken. You are still on the waitlist.' };
  }
}
