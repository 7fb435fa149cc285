import { FindAppointmentsInput, findMyAppointments, joinWords } from '@receptionist/domain';
import type { AnyEngineTool } from '@receptionist/engine';
import type { ReceptionistToolData } from './data.ts';
import { toolParameters } from './parameters.ts';
import { receptionistTool, type ToolDependencies, withoutNulls } from './runner.ts';

const FindMyAppointmentsParameters = toolParameters(FindAppointmentsInput, {
  customerName: 'Name the booking is under',
  verificationCode:
    'The code the caller read back after send_verification_code, when the business texts codes',
  date: 'Date of the booking, YYYY-MM-DD',
});

export function findMyAppointmentsTool(deps: ToolDependencies): AnyEngineTool {
  return receptionistTool(deps, {
    name: 'find_my_appointments',
    description:
      'Call when the caller asks about their existing bookings, or before rescheduling or cancelling one. Needs the name the booking is under, which must match our records for the number they call from.',
    parameters: FindMyAppointmentsParameters,
    async run(args, ctx) {
      const found = await findMyAppointments({ ctx, input: withoutNulls(args) });
      const spoken = found.appointments.map((appointment) => appointment.spoken);
      return {
        ok: true,
        message: `I see ${spoken.length === 1 ? 'one booking' : `${spoken.length} bookings`}: ${joinWords(spoken)}.`,
        data: found satisfies ReceptionistToolData['find_my_appointments'],
      };
    },
  });
}
