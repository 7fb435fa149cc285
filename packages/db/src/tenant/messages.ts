import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { NotFoundError } from '../errors.ts';
import { type MessageRow, type MessageUrgency, messages } from '../schema/index.ts';

export interface CreateMessageInput {
  callerName?: string | undefined;
  callerNumber?: string | undefined;
  reason: string;
  urgency?: MessageUrgency | undefined;
  callId?: string | undefined;
}

/** Messages taken for the business. */
export function createMessagesDal(ex: Executor, businessId: string) {
  const own = (messageId: string) => and(eq(messages.id, messageId), eq(messages.businessId, businessId));

  return {
    async create(input: CreateMessageInput): Promise<MessageRow> {
      const [row] = await ex
        .insert(messages)
        .values({
          businessId,
          callerName: input.callerName ?? null,
          callerNumber: input.callerNumber ?? null,
          reason: input.reason,
          urgency: input.urgency ?? 'normal',
          callId: input.callId ?? null,
        })
        .returning();
      return row!;
    },

    async get(messageId: string): Promise<MessageRow | undefined> {
      const [row] = await ex.select().from(messages).where(own(messageId)).limit(1);
      return row;
    },

    /** Newest first. */
    async list(filters: { handled?: boolean; limit?: number } = {}): Promise<MessageRow[]> {
      const where =
        filters.handled === undefined
          ? eq(messages.businessId, businessId)
          : and(eq(messages.businessId, businessId), eq(messages.handled, filters.handled));
      return ex
        .select()
        .from(messages)
        .where(where)
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(Math.min(Math.max(1, filters.limit ?? 100), 500));
    },

    /** Rewrites what the message says (a voicemail's reason becomes its transcript once there is one). */
    async setReason(messageId: string, reason: string): Promise<MessageRow> {
      const [row] = await ex.update(messages).set({ reason }).where(own(messageId)).returning();
      if (row === undefined) throw new NotFoundError('message', messageId);
      return row;
    },

    async setHandled(messageId: string, handled: boolean): Promise<MessageRow> {
      const [row] = await ex.update(messages).set({ handled }).where(own(messageId)).returning();
      if (row === undefined) throw new NotFoundError('message', messageId);
      return row;
    },
  };
}

export type MessagesDal = ReturnType<typeof createMessagesDal>;
