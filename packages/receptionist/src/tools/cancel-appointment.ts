import { CancelAppointmentInput, cancelAppointment } from '@receptionist/domain';
import type { AnyEngineTool } from '@receptionist/engine';
import type { ReceptionistToolData } from './data.ts';
import { toolParameters } from './parameters.ts';
import { localizedAppointment } from './read-back.ts';
import { receptionistTool, type ToolDependencies, withoutNulls } from './runner.ts';

const CancelAppointmentParameters = toolParameters(CancelAppointmentInput, {
  appointmentId: 'Id from find_my_appointments, when known',
  date: 'Date of the booking, YYYY-MM-DD',
  customerName: 'Name the booking is under',
  verificationCode:
    'The code the caller read back after send_verification_code, when the business texts codes',
});

export function cancelAppointmentTool(deps: ToolDependencies): AnyEngineTool {
  return receptionistTool(deps, {
    name: 'cancel_appointment',
    description:
      'Call when the caller has confirmed they want to cancel an existing booking. Needs the name the booking is under: it is checked with the number they call from (both must match our records).',
    parameters: CancelAppointmentParameters,
    async run(args, ctx, call) {
      const cancelled = await cancelAppointment({ ctx, input: withoutNulls(args) });
      return {
        ok: true,
        message: `Your ${cancelled.spoken} is cancelled.`,
        data: {
          appointment: localizedAppointment(ctx.profile, cancelled, call),
        } satisfies ReceptionistToolData['cancel_appointment'],
      };
    },
  });
}
