import type { BadgeTone } from '../../../../components/ui.tsx';
import type { CallOutcome, CallStatus } from '../../../../server/queries/types.ts';

export const OUTCOME_TONES: Record<CallOutcome, BadgeTone> = {
  booked: 'green',
  rescheduled: 'blue',
  cancelled: 'amber',
  message_taken: 'blue',
  transferred: 'blue',
  answered: 'gray',
  no_action: 'gray',
};

export function statusTone(status: CallStatus): BadgeTone {
  if (status === 'completed') return 'green';
  if (status === 'ringing' || status === 'in_progress') return 'blue';
  if (status === 'failed' || status === 'interrupted') return 'red';
  return 'gray';
}
