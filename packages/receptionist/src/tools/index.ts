import type { CalendarBusyPort, Executor } from '@receptionist/domain';
import type { AnyEngineTool } from '@receptionist/engine';
import { answerQuestionTool } from './answer-question.ts';
import { bookAppointmentTool } from './book-appointment.ts';
import { cancelAppointmentTool } from './cancel-appointment.ts';
import { checkAvailabilityTool } from './check-availability.ts';
import { confirmAppointmentTool } from './confirm-appointment.ts';
import { endCallTool } from './end-call.ts';
import { findMyAppointmentsTool } from './find-my-appointments.ts';
import { getBusinessInfoTool } from './get-business-info.ts';
import { rescheduleAppointmentTool } from './reschedule-appointment.ts';
import { sendVerificationCodeTool } from './send-verification-code.ts';
import { takeMessageTool } from './take-message.ts';
import { transferCallTool } from './transfer-call.ts';

export const RECEPTIONIST_TOOL_NAMES = [
  'get_business_info',
  'answer_question',
  'check_availability',
  'book_appointment',
  'reschedule_appointment',
  'cancel_appointment',
  'confirm_appointment',
  'find_my_appointments',
  'send_verification_code',
  'take_message',
  'transfer_call',
  'end_call',
] as const;
export type ReceptionistToolName = (typeof RECEPTIONIST_TOOL_NAMES)[number];

/**
 * The business tools for one tenant, as both engines use them. Every tool needs a call row (the
 * ToolContext's callId) to exist, because its result is recorded against the call.
 */
export function buildReceptionistTools(options: {
  db: Executor;
  businessId: string;
  /** The clock every tool decides "now" by (lead time, past slots, upcoming appointments). */
  now: () => number;
  /** Live calendar busy time for the booking re-check (the voice server passes the worker's port). */
  calendars?: CalendarBusyPort | undefined;
}): AnyEngineTool[] {
  const deps = {
    db: options.db,
    businessId: options.businessId,
    now: options.now,
    calendars: options.calendars,
  };
  return [
    getBusinessInfoTool(deps),
    answerQuestionTool(deps),
    checkAvailabilityTool(deps),
    bookAppointmentTool(deps),
    rescheduleAppointmentTool(deps),
    cancelAppointmentTool(deps),
    confirmAppointmentTool(deps),
    findMyAppointmentsTool(deps),
    sendVerificationCodeTool(deps),
    takeMessageTool(deps),
    transferCallTool(deps),
    endCallTool(deps),
  ];
}

export { matchFaq } from './answer-question.ts';
export { type LocalSlot, type ReceptionistToolData, toolData } from './data.ts';
export { type ToolDependencies, withoutNulls } from './runner.ts';
export { findDestination } from './transfer-call.ts';
