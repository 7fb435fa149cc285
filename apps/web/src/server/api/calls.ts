import { parseStoredAnalysis } from '@receptionist/domain';
import { z } from 'zod';
import { localDayEndMs, localDayStartMs } from '../../lib/date-range.ts';
import { CALL_LIST_SORTS, listCallsPage, MAX_PAGE_SIZE } from '../queries/calls.ts';
import { readTenant } from '../queries/tenant.ts';
import { CALL_DIRECTIONS, CALL_OUTCOMES, type CallDetail, type CallRow } from '../queries/types.ts';
import type { ApiHandler } from './context.ts';
import { ApiError } from './errors.ts';
import { json } from './respond.ts';

/** GET /api/v1/calls and GET /api/v1/calls/:callId. */

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
/** `true` / `false` in a query string; anything else is a 400, not a silent "false". */
const QueryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true');

export const ListCallsQuery = z.object({
  from: IsoDay.optional(),
  to: IsoDay.optional(),
  outcome: z.enum(CALL_OUTCOMES).optional(),
  direction: z.enum(CALL_DIRECTIONS).optional(),
  hasBooking: QueryBoolean.optional(),
  hasMessage: QueryBoolean.optional(),
  q: z.string().max(200).optional(),
  /** `relevance` orders a search by how well the call matches; otherwise newest first. */
  sort: z.enum(CALL_LIST_SORTS).default('newest'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
});

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function callSummaryJson(call: CallRow) {
  return {
    id: call.id,
    channel: call.channel,
    /** `inbound` (a caller rang the business) or `outbound` (the receptionist placed the call). */
    direction: call.direction,
    status: call.status,
    outcome: call.outcome,
    engine: call.engine,
    fromNumber: call.fromNumber,
    toNumber: call.toNumber,
    twilioCallSid: call.twilioCallSid,
    startedAt: iso(call.startedAt),
    endedAt: iso(call.endedAt),
    durationMs: call.durationMs,
    endReason: call.endReason,
    summary: call.summary,
    /** The post-call analysis (fields, `unkeptPromises`, `unansweredQuestions`); null until the worker ran. */
    analysis: parseStoredAnalysis(call.analysis) ?? null,
  };
}

function callDetailJson(call: CallDetail) {
  return {
    ...callSummaryJson(call),
    turns: call.turns.map((turn) => ({
      sequence: turn.sequence,
      role: turn.role,
      text: turn.text,
      startedAt: iso(turn.startedAtMs),
      endedAt: iso(turn.endedAtMs),
      interrupted: turn.interrupted,
      latencyMs: turn.latencyMs,
    })),
    toolCalls: call.toolCalls.map((toolCall) => ({
      toolCallId: toolCall.toolCallId,
      name: toolCall.name,
      arguments: toolCall.arguments,
      result: toolCall.result,
      status: toolCall.status,
      latencyMs: toolCall.latencyMs,
      at: iso(toolCall.createdAt),
    })),
  };
}

export const listCalls: ApiHandler = async (request, { db, businessId }) => {
  const query = ListCallsQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const business = await readTenant(db, businessId).business.get();
  const timeZone = business?.timeZone ?? 'UTC';
  const page = await listCallsPage(db, businessId, {
    fromMs: localDayStartMs(query.from, timeZone),
    toMs: localDayEndMs(query.to, timeZone),
    outcome: query.outcome,
    direction: query.direction,
    hasBooking: query.hasBooking,
    hasMessage: query.hasMessage,
    search: query.q,
    sort: query.sort,
    cursor: query.cursor,
    limit: query.limit,
  });
  return json({
    data: page.calls.map((call) => ({
      ...callSummaryJson(call),
      // For a search: the best-matching line, as parts with `match: true` on the words found.
      ...(query.q !== undefined && { snippet: page.snippets[call.id] ?? null }),
    })),
    nextCursor: page.nextCursor ?? null,
  });
};

export const getCall: ApiHandler<{ callId: string }> = async (_request, { db, businessId }, { callId }) => {
  const call = await readTenant(db, businessId).calls.get(callId);
  if (call === undefined) throw new ApiError(404, 'not_found', 'No such call');
  return json({ data: callDetailJson(call) });
};
