import type { CallOutcome } from '@receptionist/db';

/**
 * What a call achieved, for the dashboard's at-a-glance column, decided from the tools that succeeded and
 * how the call ended. The strongest effect wins: a booking outranks the message taken on the same call.
 */
const OUTCOME_BY_TOOL: ReadonlyArray<readonly [tool: string, outcome: CallOutcome]> = [
  ['book_appointment', 'booked'],
  ['reschedule_appointment', 'rescheduled'],
  ['cancel_appointment', 'cancelled'],
  ['take_message', 'message_taken'],
  ['transfer_call', 'transferred'],
];

const ANSWERING_TOOLS = new Set([
  'get_business_info',
  'answer_question',
  'check_availability',
  'find_my_appointments',
]);

export function deriveCallOutcome(input: {
  /** Names of the tools that returned ok on this call. */
  succeededTools: ReadonlySet<string>;
  status: 'completed' | 'transferred' | 'failed';
}): CallOutcome {
  for (const [tool, outcome] of OUTCOME_BY_TOOL) {
    if (input.succeededTools.has(tool)) return outcome;
  }
  if (input.status === 'transferred') return 'transferred';
  for (const tool of input.succeededTools) if (ANSWERING_TOOLS.has(tool)) return 'answered';
  return 'no_action';
}
