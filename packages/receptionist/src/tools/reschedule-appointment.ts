import {
  confirmMoveWithCalendars,
  RescheduleAppointmentInput,
  rescheduleAppointment,
} from '@receptionist/domain';
import type { AnyEngineTool } from '@receptionist/engine';
import type { ReceptionistToolData } from './data.ts';
import { toolParameters } from './parameters.ts';
import { receptionistTool, type ToolDependencies, withoutNulls } from './runner.ts';

const RescheduleAppointmentParameters = toolParameters(RescheduleAppointmentInput, {
  appointmentId: 'Id from find_my_appointments, when known',
  currentDate: 'Date of the existing booking, YYYY-MM-DD',
  customerName: 'Name the booking is under',
  newDate: 'New date, YYYY-MM-DD',
  newTime: 'New start time, local HH:mm (24-hour)',
});

export function rescheduleAppointmentTool(deps: ToolDependencies): AnyEngineTool {
  return receptionistTool(deps, {
    name: 'reschedule_appointment',
    description:
      "Call when the caller wants to move an existing booking to a new date and time. Their identity is checked by the number they call from, or else by the booking's name and current date.",
    parameters: RescheduleAppointmentParameters,
    precheck: (args, ctx, calendars) =>
      confirmMoveWithCalendars({ ctx, input: withoutNulls(args), calendars }),
    async run(args, ctx) {
      const moved = await rescheduleAppointment({ ctx, input: withoutNulls(args) });
      return {
        ok: true,
        message: `Done: your ${moved.before.spoken} is now on ${moved.after.spoken.replace(/^.*? on /, '')}.`,
        data: {
          before: moved.before,
          after: moved.after,
        } satisfies ReceptionistToolData['reschedule_appointment'],
      };
    },
  });
}
