'use server';

import { z } from 'zod';
import { requireBusinessAccess } from '../../../../server/auth/current-user.ts';
import { systemClock } from '../../../../server/clock.ts';
import { getDb } from '../../../../server/db.ts';
import { assertSameOriginAction } from '../../../../server/http/action-guard.ts';
import { voiceLinkFor } from '../../../../server/live-calls/voice-link.ts';
import { findLiveCall } from '../../../../server/queries/live-calls.ts';

const StaffActionInput = z.object({
  businessId: z.string().min(1),
  callId: z.string().min(1),
  action: z.discriminatedUnion('type', [
    z.object({ type: z.literal('hang_up') }),
    z.object({
      type: z.literal('take_over'),
      phoneNumber: z
        .string()
        .trim()
        .transform((value) => value.replace(/[\s().-]/g, ''))
        .pipe(
          z.string().regex(/^\+[1-9]\d{6,14}$/, 'Enter the number in international form, like +12125550123.'),
        ),
    }),
    z.object({
      type: z.literal('whisper'),
      note: z.string().trim().min(1, 'Write a note first.').max(500, 'Keep the note under 500 characters.'),
    }),
  ]),
});

export type StaffActionOutcome = { ok: true; message: string } | { ok: false; message: string };

const DONE: Record<'hang_up' | 'take_over' | 'whisper', string> = {
  hang_up: 'Hanging up: the caller hears a goodbye first.',
  take_over: 'Transferring the call to you now.',
  whisper: 'The agent has your note.',
};

/** Hang up, take over or whisper on a live call: sent to the voice server carrying it, as this member. */
export async function staffActionOnLiveCall(raw: unknown): Promise<StaffActionOutcome> {
  await assertSameOriginAction();
  const parsed = StaffActionInput.safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'Invalid action.' };
  const { businessId, callId, action } = parsed.data;
  const { user, membership } = await requireBusinessAccess(businessId);
  const call = await findLiveCall(await getDb(), businessId, callId, systemClock());
  if (call === undefined) return { ok: false, message: 'This call has ended.' };
  const link = voiceLinkFor({ call, businessId, userId: user.id, role: membership.role, path: 'actions' });
  let response: Response;
  try {
    response = await fetch(link.url, {
      method: 'POST',
      headers: { ...link.headers, 'content-type': 'application/json' },
      body: JSON.stringify(action),
      cache: 'no-store',
    });
  } catch {
    return { ok: false, message: 'The voice server carrying this call did not answer. Try again.' };
  }
  const body = (await response.json().catch(() => ({}))) as { message?: string; delivered?: boolean };
  if (response.status === 404) return { ok: false, message: 'This call has ended.' };
  if (!response.ok) return { ok: false, message: body.message ?? 'The action could not be carried out.' };
  if (action.type === 'whisper' && body.delivered === false) {
    return { ok: true, message: 'Noted in the call log; this engine cannot take notes during the call.' };
  }
  return { ok: true, message: DONE[action.type] };
}
