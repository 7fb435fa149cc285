import type { AppointmentView, findMyAppointments } from '@receptionist/domain';
import type { ToolResult } from '@receptionist/engine';
import type { ReceptionistToolName } from './index.ts';

/** A local date and time in the business's zone, as tools return them: `YYYY-MM-DD`, `HH:mm`. */
export interface LocalSlot {
  date: string;
  time: string;
  /** The slot as said in the caller's language, when it is not English ("martes, 8 de enero a las 10:00"). */
  spoken?: string | undefined;
}

/** The `data` of each tool's result: what the model and the offline policy may read by field. */
export interface ReceptionistToolData {
  get_business_info: {
    name: string;
    timeZone: string;
    services: Array<{
      id: string;
      name: string;
      durationMinutes: number;
      priceCents?: number | undefined;
      /** The price as said in the caller's language, when it is not English ("120 US$"). */
      spokenPrice?: string | undefined;
    }>;
  };
  /** `suggestions`: the questions of the entries an ambiguous question could mean (answered with "did you mean…"). */
  answer_question: { matchedQuestion?: string; suggestions?: string[] } | undefined;
  check_availability: {
    service: { id: string; name: string };
    /** Every free start in the asked range, in time order. Empty when nothing is free. */
    slots: LocalSlot[];
    /** The next free start after the range, when nothing was free in it. */
    next?: LocalSlot | undefined;
  };
  book_appointment: { appointment: AppointmentView };
  reschedule_appointment: { before: AppointmentView; after: AppointmentView };
  cancel_appointment: { appointment: AppointmentView };
  confirm_appointment: { appointmentId: string };
  find_my_appointments: Awaited<ReturnType<typeof findMyAppointments>>;
  send_verification_code: { phoneEnding: string };
  take_message: {
    messageId: string;
    urgency: string;
    /** The callback number grouped for reading back in the caller's language, when it is not English. */
    spokenCallbackNumber?: string | undefined;
  };
  transfer_call:
    | { destinationId: string; reason: string | undefined }
    | { destinations: Array<{ id: string; name: string }> };
  end_call: undefined;
}

/**
 * The typed `data` of a result from the tool named `name`. Successful results of the receptionist's tools
 * carry exactly these shapes (each tool declares its data with `satisfies`); failures may carry none, so
 * every field can be missing here.
 */
export function toolData<Name extends ReceptionistToolName>(
  _name: Name,
  result: ToolResult,
): Partial<NonNullable<ReceptionistToolData[Name]>> | undefined {
  if (typeof result.data !== 'object' || result.data === null) return undefined;
  return result.data as Partial<NonNullable<ReceptionistToolData[Name]>>;
}
