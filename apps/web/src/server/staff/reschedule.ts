import { type DomainContext, rescheduleAppointment } from '@receptionist/domain';
import { z } from 'zod';
import { explainDomainRefusal } from './domain-errors.ts';

export interface RescheduleState {
  error?: string;
  ok?: string;
}

export const RescheduleForm = z.object({
  businessId: z.string().min(1),
  appointmentId: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().regex(/^\d{2}:\d{2}$/),
});
export type RescheduleForm = z.output<typeof RescheduleForm>;

/**
 * The dashboard's reschedule: the same verb the phone agent uses, acting as staff. A slot that was free
 * when the form was filled but taken by the time it is saved comes back as the agent's explanation
 * ("2:00 PM on … was just taken. 2:30 PM and 3:00 PM are free.") shown in the form, never thrown.
 */
export async function rescheduleFromForm(ctx: DomainContext, form: RescheduleForm): Promise<RescheduleState> {
  const result = await explainDomainRefusal(() =>
    rescheduleAppointment({
      ctx,
      input: { appointmentId: form.appointmentId, newDate: form.date, newTime: form.time },
    }),
  );
  return 'error' in result ? { error: result.error } : { ok: 'Moved' };
}
