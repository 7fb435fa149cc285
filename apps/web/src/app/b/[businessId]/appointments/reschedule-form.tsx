'use client';

import { useActionState } from 'react';
import { buttonClass, inputClass } from '../../../../components/ui.tsx';

// The shared input style is full width; these two sit side by side on one line.
const compactInput = inputClass.replace('w-full', '');

import { type RescheduleState, rescheduleAppointmentAction } from './actions.ts';

export function RescheduleForm({
  businessId,
  appointmentId,
  date,
  time,
}: {
  businessId: string;
  appointmentId: string;
  date: string;
  time: string;
}) {
  const [state, action, pending] = useActionState<RescheduleState, FormData>(rescheduleAppointmentAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="businessId" value={businessId} />
      <input type="hidden" name="appointmentId" value={appointmentId} />
      <input
        type="date"
        name="date"
        defaultValue={date}
        aria-label="New date"
        className={`${compactInput} w-40`}
      />
      <input
        type="time"
        name="time"
        defaultValue={time}
        step={900}
        aria-label="New time"
        className={`${compactInput} w-32`}
      />
      <button type="submit" disabled={pending} className={buttonClass('secondary')}>
        Move
      </button>
      {state.error ? <span className="text-xs text-red-600">{state.error}</span> : null}
      {state.ok ? <span className="text-xs text-emerald-700">{state.ok}</span> : null}
    </form>
  );
}
