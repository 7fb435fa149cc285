import { bookAppointment, IsoDate, LocalTime, toAppointmentView } from '@receptionist/domain';
import type { AnyEngineTool } from '@receptionist/engine';
import { z } from 'zod';
import { receptionistTool, type ToolDependencies, withoutNulls } from './runner.ts';

const BookAppointmentParameters = z.object({
  service: z.string().trim().min(1).max(100).describe('Service name or id'),
  date: IsoDate.describe('Appointment date, YYYY-MM-DD in the business time zone'),
  time: LocalTime.describe('Start time, local HH:mm (24-hour)'),
  customerName: z.string().trim().min(1).max(100).describe("The caller's full name"),
  phone: z
    .string()
    .trim()
    .max(40)
    .nullish()
    .describe('Phone number for the booking if different from the number they are calling from'),
  notes: z.string().trim().max(500).nullish().describe('Anything the business should know'),
});

export function bookAppointmentTool(deps: ToolDependencies): AnyEngineTool {
  return receptionistTool(deps, {
    name: 'book_appointment',
    description:
      'Call when the caller has chosen a service, a date and a time and confirmed their name, to book it. If the time was just taken, the result says so and offers the nearest free times.',
    parameters: BookAppointmentParameters,
    async run(args, ctx) {
      const booked = await bookAppointment({ ctx, input: withoutNulls(args) });
      const view = toAppointmentView(ctx.profile, booked.appointment);
      return {
        ok: true,
        message: `You're booked for a ${view.spoken}.`,
        data: { appointment: view },
      };
    },
  });
}
