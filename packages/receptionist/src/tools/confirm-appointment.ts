import { confirmAppointment } from '@receptionist/domain';
import type { AnyEngineTool } from '@receptionist/engine';
import { z } from 'zod';
import type { ReceptionistToolData } from './data.ts';
import { receptionistTool, type ToolDependencies } from './runner.ts';

const ConfirmAppointmentParameters = z.object({
  appointmentId: z.string().trim().min(1).max(100).describe('Id of the booking the reminder call is about'),
});

/** On a reminder call: the callee says they will come. The reminder remembers it; nothing else changes. */
export function confirmAppointmentTool(deps: ToolDependencies): AnyEngineTool {
  return receptionistTool(deps, {
    name: 'confirm_appointment',
    description:
      'Call when, on a reminder call you placed, the person confirms they will come to the booking the call is about.',
    parameters: ConfirmAppointmentParameters,
    async run(args, ctx) {
      const result = await confirmAppointment({ ctx, input: args });
      if (!result.confirmed) {
        return {
          ok: false,
          code: 'appointment_not_found',
          message: 'I could not find that booking any more.',
        };
      }
      return {
        ok: true,
        message: `Thank you, your ${result.spoken} is confirmed.`,
        data: { appointmentId: args.appointmentId } satisfies ReceptionistToolData['confirm_appointment'],
      };
    },
  });
}
