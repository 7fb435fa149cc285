import { and, count, desc, eq, gte, inArray } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { NotFoundError } from '../errors.ts';
import { nowMs } from '../ids.ts';
import {
  type CallRow,
  calls,
  type OutboundCallRow,
  type OutboundPurpose,
  type OutboundStatus,
  outboundCalls,
} from '../schema/index.ts';
import { createContactListsDal } from './outbound-contacts.ts';
import { createReminderDal } from './outbound-reminders.ts';

export interface CreateOutboundCallInput {
  purpose: OutboundPurpose;
  toNumber: string;
  fromNumber: string;
  appointmentId?: string | undefined;
  appointmentStartAt?: number | undefined;
  messageId?: string | undefined;
  note?: string | undefined;
  nextAttemptAt: number;
  dedupeKey?: string | undefined;
  engine: string;
}

export type OutboundCallPatch = Partial<
  Pick<
    OutboundCallRow,
    'status' | 'attempts' | 'nextAttemptAt' | 'twilioCallSid' | 'answeredBy' | 'lastError' | 'lastDialAt'
  >
>;

/**
 * Calls the receptionist places, reminders, the do-not-contact list and the waitlist. An outbound call is
 * two rows made together: its call-log row (`calls`, direction `outbound`, status `queued`) and its request.
 */
export function createOutboundDal(ex: Executor, businessId: string) {
  const ownCall = (id: string) => and(eq(outboundCalls.id, id), eq(outboundCalls.businessId, businessId));
  return {
    /** Creates both rows, or returns the existing pair when `dedupeKey` was already used. */
    async create(
      input: CreateOutboundCallInput,
    ): Promise<{ outbound: OutboundCallRow; call: CallRow; created: boolean }> {
      return ex.transaction(async (tx) => {
        if (input.dedupeKey !== undefined) {
          const [existing] = await tx
            .select()
            .from(outboundCalls)
            .where(
              and(eq(outboundCalls.businessId, businessId), eq(outboundCalls.dedupeKey, input.dedupeKey)),
            )
            .limit(1);
          if (existing) {
            const [call] = await tx.select().from(calls).where(eq(calls.id, existing.callId)).limit(1);
            return { outbound: existing, call: call!, created: false };
          }
        }
        const [call] = await tx
          .insert(calls)
          .values({
            businessId,
            channel: 'phone',
            direction: 'outbound',
            fromNumber: input.fromNumber,
            toNumber: input.toNumber,
            engine: input.engine,
            status: 'queued',
            startedAt: nowMs(),
          })
          .returning();
        const [outbound] = await tx
          .insert(outboundCalls)
          .values({
            businessId,
            callId: call!.id,
            purpose: input.purpose,
            toNumber: input.toNumber,
            fromNumber: input.fromNumber,
            appointmentId: input.appointmentId ?? null,
            appointmentStartAt: input.appointmentStartAt ?? null,
            messageId: input.messageId ?? null,
            note: input.note ?? null,
            nextAttemptAt: input.nextAttemptAt,
            dedupeKey: input.dedupeKey ?? null,
          })
          .returning();
        return { outbound: outbound!, call: call!, created: true };
      });
    },

    async get(id: string): Promise<OutboundCallRow | undefined> {
      const [row] = await ex.select().from(outboundCalls).where(ownCall(id)).limit(1);
      return row;
    },

    async getByCallId(callId: string): Promise<OutboundCallRow | undefined> {
      const [row] = await ex
        .select()
        .from(outboundCalls)
        .where(and(eq(outboundCalls.businessId, businessId), eq(outboundCalls.callId, callId)))
        .limit(1);
      return row;
    },

    async update(id: string, patch: OutboundCallPatch): Promise<OutboundCallRow> {
      const [row] = await ex.update(outboundCalls).set(patch).where(ownCall(id)).returning();
      if (row === undefined) throw new NotFoundError('outbound call', id);
      return row;
    },

    /** Moves an outbound request from one status to another; undefined when it was not in `from`. */
    async transition(
      id: string,
      from: readonly OutboundStatus[],
      patch: OutboundCallPatch,
    ): Promise<OutboundCallRow | undefined> {
      const [row] = await ex
        .update(outboundCalls)
        .set(patch)
        .where(and(ownCall(id), inArray(outboundCalls.status, [...from])))
        .returning();
      return row;
    },

    /** Sets the call-log row's status and CallSid while it is not answered yet (queued ⇄ ringing). */
    async setCallDialState(
      callId: string,
      patch: { status: 'queued' | 'ringing'; twilioCallSid: string | null },
    ) {
      await ex
        .update(calls)
        .set(patch)
        .where(
          and(
            eq(calls.id, callId),
            eq(calls.businessId, businessId),
            inArray(calls.status, ['queued', 'ringing']),
          ),
        );
    },

    /** Dial attempts handed to Twilio since `fromMs` (the per-business daily cap). */
    async countDialsSince(fromMs: number): Promise<number> {
      const [row] = await ex
        .select({ n: count() })
        .from(outboundCalls)
        .where(and(eq(outboundCalls.businessId, businessId), gte(outboundCalls.lastDialAt, fromMs)));
      return row?.n ?? 0;
    },

    async list(options: { limit?: number } = {}): Promise<OutboundCallRow[]> {
      return ex
        .select()
        .from(outboundCalls)
        .where(eq(outboundCalls.businessId, businessId))
        .orderBy(desc(outboundCalls.createdAt))
        .limit(Math.min(Math.max(1, options.limit ?? 50), 500));
    },

    ...createReminderDal(ex, businessId),
    ...createContactListsDal(ex, businessId),
  };
}

export type OutboundDal = ReturnType<typeof createOutboundDal>;
