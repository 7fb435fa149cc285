import { loadDomainContext, requestOutboundCall } from '@receptionist/domain';
import { z } from 'zod';
import type { ApiHandler } from './context.ts';
import { json, readJsonBody } from './respond.ts';

/**
 * POST /api/v1/calls/outbound `{to, purpose, appointmentId?, messageId?, note?}` → 202 `{callId}`: the
 * receptionist will call `to` (now, or once the callee's quiet hours allow). The call is listed with the
 * other calls (direction `outbound`) and analysed like them once it ends. Refusals (do-not-contact,
 * invalid number, an appointment that is not upcoming) are 422 with the domain's reason.
 */
const OutboundCallBody = z.object({
  to: z.string().trim().min(3).max(40),
  purpose: z.enum(['reminder', 'callback', 'waitlist_offer', 'custom']),
  appointmentId: z.string().trim().min(1).max(100).optional(),
  messageId: z.string().trim().min(1).max(100).optional(),
  note: z.string().trim().min(1).max(500).optional(),
});

export const createOutboundCallHandler: ApiHandler = async (request, context) => {
  const body = OutboundCallBody.parse(await readJsonBody(request));
  const ctx = await loadDomainContext(context.db, context.businessId, {
    actor: { kind: 'api', apiKeyId: context.apiKeyId },
    nowMs: context.now(),
  });
  const requested = await requestOutboundCall({ ctx, input: body });
  return json(
    { data: { callId: requested.callId, scheduledFor: new Date(requested.scheduledFor).toISOString() } },
    202,
  );
};
