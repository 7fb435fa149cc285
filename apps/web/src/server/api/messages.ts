import { setMessageHandled, tenantContext } from '@receptionist/domain';
import { z } from 'zod';
import { readTenant } from '../queries/tenant.ts';
import type { MessageRow } from '../queries/types.ts';
import type { ApiHandler } from './context.ts';
import { json, readJsonBody } from './respond.ts';

/** GET /api/v1/messages and PATCH /api/v1/messages/:messageId. */

const ListMessagesQuery = z.object({
  handled: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const UpdateMessageBody = z.object({ handled: z.boolean() }).strict();

function messageJson(message: MessageRow) {
  return {
    id: message.id,
    callerName: message.callerName,
    callerNumber: message.callerNumber,
    reason: message.reason,
    urgency: message.urgency,
    handled: message.handled,
    callId: message.callId,
    createdAt: new Date(message.createdAt).toISOString(),
  };
}

export const listMessages: ApiHandler = async (request, { db, businessId }) => {
  const query = ListMessagesQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const messages = await readTenant(db, businessId).messages.list({
    handled: query.handled === undefined ? undefined : query.handled === 'true',
    limit: query.limit,
  });
  return json({ data: messages.map(messageJson) });
};

export const updateMessage: ApiHandler<{ messageId: string }> = async (
  request,
  { db, businessId, apiKeyId },
  { messageId },
) => {
  const body = UpdateMessageBody.parse(await readJsonBody(request));
  const message = await setMessageHandled({
    ctx: tenantContext(db, businessId, { kind: 'api', apiKeyId }),
    input: { messageId, handled: body.handled },
  });
  return json({ data: messageJson(message) });
};
