import {
  BookAppointmentInput,
  bookAppointment,
  confirmSlotWithCalendars,
  toAppointmentView,
} from '@receptionist/domain';
import type { AnyEngineTool } from '@receptionist/engine';
import type { ReceptionistToolData } from './data.ts';
import { toolParameters } from './parameters.ts';
import { localizedAppointment } from './read-back.ts';
import { receptionistTool, type ToolDependencies, withoutNulls } from './runner.ts';

const BookAppointmentParameters = toolParameters(BookAppointmentInput, {
  service: 'Service name or id',
  date: 'Appointment date, YYYY-MM-DD in the business time zone',
  time: 'Start time, local HH:mm (24-hour)',
  customerName: "The caller's full name",
  phone: 'Phone number for the booking if different from the number they are calling from',
  notes: 'Anything the business should know',
});

export function bookAppointmentTool(deps: ToolDependencies): AnyEngineTool {
  return receptionistTool(deps, {
    name: 'book_appointment',
    description:
      'Call when the caller has chosen a service, a date and a time and confirmed their name, to book it. If the time was just taken, the result says so and offers the nearest free times.',
    parameters: BookAppointmentParameters,
    // A slot taken in the owner's calendar since the last sync lands in the busy cache here, so the
    // booking below refuses it and offers the nearest free times.
    precheck: (args, ctx, calendars) =>
      confirmSlotWithCalendars({
        ctx,
        input: { service: args.service, date: args.date, time: args.time },
        calendars,
      }),
    async run(args, ctx, call) {
      const booked = await bookAppointment({ ctx, input: withoutNulls(args) });
      const view = toAppointmentView(ctx.profile, booked.appointment);
      return {
        ok: true,
        message: `You're booked for a ${view.spoken}.`,
        data: {
          appointment: localizedAppointment(ctx.profile, view, call),
        } satisfies ReceptionistToolData['book_appointment'],
      };
    },
  });
}
