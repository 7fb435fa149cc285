import { addToWaitlist, loadDomainContext } from '@receptionist/domain';
import { z } from 'zod';
import type { ApiHandler } from './context.ts';
import { json, readJsonBody } from './respond.ts';

/**
 * POST /api/v1/waitlist `{phone, name?, service}` → 201: the person waits for an earlier slot of that
 * service; when a booking of it is cancelled, the slot is texted to the first people waiting and the first
 * YES books it.
 */
const WaitlistBody = z.object({
  phone: z.string().trim().min(3).max(40),
  name: z.string().trim().min(1).max(100).optional(),
  service: z.string().trim().min(1).max(100),
});

export const addToWaitlistHandler: ApiHandler = async (request, context) => {
  const body = WaitlistBody.parse(await readJsonBody(request));
  const ctx = await loadDomainContext(context.db, context.businessId, {
    actor: { kind: 'api', apiKeyId: context.apiKeyId },
    nowMs: context.now(),
  });
  const entry = await addToWaitlist({ ctx, input: body });
  return json(
    { data: { id: entry.id, phone: entry.phone, serviceId: entry.serviceId, status: entry.status } },
    201,
  );
};
