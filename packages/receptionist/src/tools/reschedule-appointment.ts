import {
  confirmMoveWithCalendars,
  RescheduleAppointmentInput,
  rescheduleAppointment,
} from '@receptionist/domain';
import type { AnyEngineTool } from '@receptionist/engine';
import type { ReceptionistToolData } from './data.ts';
import { toolParameters } from './parameters.ts';
import { localizedAppointment } from './read-back.ts';
import { receptionistTool, type ToolDependencies, withoutNulls } from './runner.ts';

const RescheduleAppointmentParameters = toolParameters(RescheduleAppointmentInput, {
  appointmentId: 'Id from find_my_appointments, when known',
  currentDate: 'Date of the existing booking, YYYY-MM-DD',
  customerName: 'Name the booking is under',
  verificationCode:
    'The code the caller read back after send_verification_code, when the business texts codes',
  newDate: 'New date, YYYY-MM-DD',
  newTime: 'New start time, local HH:mm (24-hour)',
});

export function rescheduleAppointmentTool(deps: ToolDependencies): AnyEngineTool {
  return receptionistTool(deps, {
    name: 'reschedule_appointment',
    description:
      'Call when the caller wants to move an existing booking to a new date and time. Needs the name the booking is under: it is checked with the number they call from (both must match our records).',
    parameters: RescheduleAppointmentParameters,
    precheck: (args, ctx, calendars) =>
      confirmMoveWithCalendars({ ctx, input: withoutNulls(args), calendars }),
    async run(args, ctx, call) {
      const moved = await rescheduleAppointment({ ctx, input: withoutNulls(args) });
      return {
        ok: true,
        message: `Done: your ${moved.before.spoken} is now on ${moved.after.spoken.replace(/^.*? on /, '')}.`,
        data: {
          before: localizedAppointment(ctx.profile, moved.before, call),
          after: localizedAppointment(ctx.profile, moved.after, call),
        } satisfies ReceptionistToolData['reschedule_appointment'],
      };
    },
  });
}
