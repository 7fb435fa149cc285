import { forBusiness, type MessageRow } from '@receptionist/db';
import { z } from 'zod';
import type { ApiHandler } from './context.ts';
import { ApiError } from './errors.ts';
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
  const messages = await forBusiness(db, businessId).messages.list({
    handled: query.handled === undefined ? undefined : query.handled === 'true',
    limit: query.limit,
  });
  return json({ data: messages.map(messageJson) });
};

export const updateMessage: ApiHandler<{ messageId: string }> = async (
  request,
  { db, businessId },
  { messageId },
) => {
  const body = UpdateMessageBody.parse(await readJsonBody(request));
  const messages = forBusiness(db, businessId).messages;
  if ((await messages.get(messageId)) === undefined) throw new ApiError(404, 'not_found', 'No such message');
  return json({ data: messageJson(await messages.setHandled(messageId, body.handled)) });
};
