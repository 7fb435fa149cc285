import {
  type Database,
  destinationCountries,
  destinationRefusal,
  loadBusinessProfile,
} from '@receptionist/domain';
import { z } from 'zod';
import type { CallSession } from '../call/call-session.ts';
import type { LiveCalls } from './live-calls.ts';

/** What a member may do to a live call from the dashboard. */
export const StaffAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hang_up') }),
  z.object({ type: z.literal('take_over'), phoneNumber: z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164') }),
  z.object({ type: z.literal('whisper'), note: z.string().trim().min(1).max(500) }),
]);
export type StaffAction = z.infer<typeof StaffAction>;

/** Said to the caller before a staff hang-up, so the line never just goes dead. */
export const STAFF_HANG_UP_GOODBYE =
  'A member of our team is ending this call now. Thank you for calling, goodbye.';

export type StaffActionResult =
  | { ok: true; action: StaffAction['type']; delivered?: boolean }
  | { ok: false; status: 409 | 422; code: 'call_ending' | 'destination_refused'; message: string };

/**
 * Carries out a staff action on a call live here and records it in the call's timeline (a system line in
 * the call log, which the live view streams). The caller of this has checked the member's token and that
 * the call belongs to the token's business.
 */
export async function performStaffAction(input: {
  db: Database;
  live: LiveCalls;
  session: CallSession;
  businessId: string;
  action: StaffAction;
}): Promise<StaffActionResult> {
  const { session, action, live } = input;
  if (session.ending) {
    return { ok: false, status: 409, code: 'call_ending', message: 'The call is already ending.' };
  }
  const log = (text: string) => live.logSystemLine(session.callId, text);
  switch (action.type) {
    case 'hang_up':
      log('Staff hung up the call from the live view.');
      live.publish(session.callId, { type: 'state', state: 'ending' });
      void session.endByStaff(STAFF_HANG_UP_GOODBYE);
      return { ok: true, action: action.type };
    case 'take_over': {
      // The same destination policy as every transfer: a typed number is checked when it is used.
      const profile = await loadBusinessProfile(input.db, input.businessId);
      const refusal = destinationRefusal(action.phoneNumber, destinationCountries(profile));
      if (refusal !== undefined) {
        return {
          ok: false,
          status: 422,
          code: 'destination_refused',
          message: `${action.phoneNumber} ${refusal}.`,
        };
      }
      log(`Staff took the call over: transferring to ${action.phoneNumber}.`);
      live.publish(session.callId, { type: 'state', state: 'ending' });
      void session.transferByStaff({ name: 'staff member', phoneNumber: action.phoneNumber });
      return { ok: true, action: action.type };
    }
    case 'whisper': {
      const delivered = session.whisper(action.note);
      log(
        delivered
          ? `Staff note to the agent: ${action.note}`
          : `Staff note (this engine cannot take notes; not passed to the agent): ${action.note}`,
      );
      return { ok: true, action: action.type, delivered };
    }
  }
}
