import { cancelAppointment, IsoDate } from '@receptionist/domain';
import type { AnyEngineTool } from '@receptionist/engine';
import { z } from 'zod';
import { receptionistTool, type ToolDependencies, withoutNulls } from './runner.ts';

const CancelAppointmentParameters = z.object({
  appointmentId: z.string().trim().max(100).nullish().describe('Id from find_my_appointments, when known'),
  date: IsoDate.nullish().describe('Date of the booking, YYYY-MM-DD'),
  customerName: z.string().trim().max(100).nullish().describe('Name the booking is under'),
});

export function cancelAppointmentTool(deps: ToolDependencies): AnyEngineTool {
  return receptionistTool(deps, {
    name: 'cancel_appointment',
    description:
      "Call when the caller has confirmed they want to cancel an existing booking. Their identity is checked by the number they call from, or else by the booking's name and date.",
    parameters: CancelAppointmentParameters,
    async run(args, ctx) {
      const cancelled = await cancelAppointment({ ctx, input: withoutNulls(args) });
      return {
        ok: true,
        message: `Your ${cancelled.spoken} is cancelled.`,
        data: { appointment: cancelled },
      };
    },
  });
}
