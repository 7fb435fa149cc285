'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { cancelForBusiness, rescheduleForBusiness } from '../../../../server/appointments.ts';
import { requireBusinessAccess } from '../../../../server/auth/current-user.ts';
import { systemClock } from '../../../../server/clock.ts';
import { getDb } from '../../../../server/db.ts';
import { assertSameOriginAction } from '../../../../server/http/action-guard.ts';
import { log } from '../../../../server/log.ts';

export interface RescheduleState {
  error?: string;
  ok?: string;
}

const Target = z.object({ businessId: z.string().min(1), appointmentId: z.string().min(1) });

export async function cancelAppointmentAction(formData: FormData): Promise<void> {
  await assertSameOriginAction();
  const input = Target.parse(Object.fromEntries(formData));
  const { user } = await requireBusinessAccess(input.businessId);
  await cancelForBusiness(await getDb(), input.businessId, input.appointmentId);
  log.info(
    { userId: user.id, businessId: input.businessId, appointmentId: input.appointmentId },
    'appointment cancelled',
  );
  revalidatePath(`/b/${input.businessId}/appointments`);
}

const Reschedule = Target.extend({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().regex(/^\d{2}:\d{2}$/),
});

export async function rescheduleAppointmentAction(
  _previous: RescheduleState,
  formData: FormData,
): Promise<RescheduleState> {
  await assertSameOriginAction();
  const input = Reschedule.safeParse(Object.fromEntries(formData));
  if (!input.success) return { error: 'Pick a date and a time' };
  const { user } = await requireBusinessAccess(input.data.businessId);
  try {
    await rescheduleForBusiness(
      await getDb(),
      input.data.businessId,
      input.data.appointmentId,
      input.data,
      systemClock,
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'DomainError') return { error: error.message };
    throw error;
  }
  log.info(
    { userId: user.id, businessId: input.data.businessId, appointmentId: input.data.appointmentId },
    'appointment moved',
  );
  revalidatePath(`/b/${input.data.businessId}/appointments`);
  return { ok: 'Moved' };
}
