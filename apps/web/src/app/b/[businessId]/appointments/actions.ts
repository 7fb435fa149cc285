'use server';

import { cancelAppointment } from '@receptionist/domain';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireBusinessAccess } from '../../../../server/auth/current-user.ts';
import { recheckMove } from '../../../../server/calendar/busy-port.ts';
import { systemClock } from '../../../../server/clock.ts';
import { getDb } from '../../../../server/db.ts';
import { assertSameOriginAction } from '../../../../server/http/action-guard.ts';
import { log } from '../../../../server/log.ts';
import { staffDomainContext } from '../../../../server/staff/domain-context.ts';
import {
  RescheduleForm,
  type RescheduleState,
  rescheduleFromForm,
} from '../../../../server/staff/reschedule.ts';

export type { RescheduleState };

const Target = z.object({ businessId: z.string().min(1), appointmentId: z.string().min(1) });

export async function cancelAppointmentAction(formData: FormData): Promise<void> {
  await assertSameOriginAction();
  const input = Target.parse(Object.fromEntries(formData));
  const { user } = await requireBusinessAccess(input.businessId);
  const ctx = await staffDomainContext(await getDb(), input.businessId, user.id, systemClock);
  await cancelAppointment({ ctx, input: { appointmentId: input.appointmentId } });
  log.info(
    { userId: user.id, businessId: input.businessId, appointmentId: input.appointmentId },
    'appointment cancelled',
  );
  revalidatePath(`/b/${input.businessId}/appointments`);
}

export async function rescheduleAppointmentAction(
  _previous: RescheduleState,
  formData: FormData,
): Promise<RescheduleState> {
  await assertSameOriginAction();
  const input = RescheduleForm.safeParse(Object.fromEntries(formData));
  if (!input.success) return { error: 'Pick a date and a time' };
  const { user } = await requireBusinessAccess(input.data.businessId);
  const db = await getDb();
  const ctx = await staffDomainContext(db, input.data.businessId, user.id, systemClock);
  await recheckMove(db, ctx, {
    appointmentId: input.data.appointmentId,
    newDate: input.data.date,
    newTime: input.data.time,
  });
  const state = await rescheduleFromForm(ctx, input.data);
  if (state.error !== undefined) return state;
  log.info(
    { userId: user.id, businessId: input.data.businessId, appointmentId: input.data.appointmentId },
    'appointment moved',
  );
  revalidatePath(`/b/${input.data.businessId}/appointments`);
  return state;
}
