import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { businesses } from './businesses.ts';
import { createdAtColumn, idColumn, updatedAtColumn } from './columns.ts';

export const CALL_CHANNELS = ['phone', 'browser'] as const;
export type CallChannel = (typeof CALL_CHANNELS)[number];

/** Who placed the call: a caller ringing the business, or the receptionist calling out. */
export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

/**
 * `ringing` and `in_progress` are open; `queued` is an outbound call not dialled yet (no session can be
 * interrupted, so the start-up sweep leaves it alone); every other status is final.
 */
export const CALL_STATUSES = [
  'queued',
  'ringing',
  'in_progress',
  'completed',
  'transferred',
  'failed',
  'interrupted',
  'busy',
  'no_answer',
  'canceled',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
export const OPEN_CALL_STATUSES = ['ringing', 'in_progress'] as const satisfies readonly CallStatus[];

/** What the call achieved, for the dashboard's at-a-glance column. */
export const CALL_OUTCOMES = [
  'booked',
  'rescheduled',
  'cancelled',
  'message_taken',
  'transferred',
  'answered',
  'no_action',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const calls = sqliteTable(
  'calls',
  {
    id: idColumn('call'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: CALL_CHANNELS }).notNull(),
    direction: text('direction', { enum: CALL_DIRECTIONS }).notNull().default('inbound'),
    /** Unique so the voice webhook, the status callback and the stream can all find (or create) one row. */
    twilioCallSid: text('twilio_call_sid'),
    fromNumber: text('from_number'),
    toNumber: text('to_number'),
    /** Which engine answered (`openai`, `local`, `scripted`…); changes on failover are call-log decisions. */
    engine: text('engine').notNull(),
    status: text('status', { enum: CALL_STATUSES }).notNull(),
    /** Free text from the session: `caller_hangup`, `agent_hangup`, `max_duration`, `server_restart`… */
    endReason: text('end_reason'),
    startedAt: integer('started_at').notNull(),
    /**
     * Epoch ms a voice server last reported the call live on it (a heartbeat). Several servers share one
     * database, so a start-up or periodic sweep closes only calls nobody has reported for a while.
     */
    lastSeenAt: integer('last_seen_at'),
    /** Public base URL of the voice server carrying the call (set by its heartbeat): where live views connect. */
    voiceServerUrl: text('voice_server_url'),
    endedAt: integer('ended_at'),
    durationMs: integer('duration_ms'),
    summary: text('summary'),
    outcome: text('outcome', { enum: CALL_OUTCOMES }),
    /** The cold path's structured analysis (domain `CallAnalysis`), written once per call. */
    analysis: text('analysis', { mode: 'json' }).$type<unknown>(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    uniqueIndex('calls_twilio_call_sid_unique').on(t.twilioCallSid),
    // Target of the turns' and tool calls' composite foreign keys (tenant integrity in the database).
    uniqueIndex('calls_business_id_unique').on(t.businessId, t.id),
    // The dashboard lists a business's calls newest first.
    index('calls_business_started_idx').on(t.businessId, t.startedAt),
    // The call list filtered by outcome stays in started_at order, and the overview groups by outcome.
    index('calls_business_outcome_started_idx').on(t.businessId, t.outcome, t.startedAt),
    // Start-up sweeps open calls; partial so the index stays tiny.
    index('calls_open_idx').on(t.status).where(sql`${t.status} in ('ringing', 'in_progress')`),
  ],
);

export const TURN_ROLES = ['caller', 'agent', 'system'] as const;
export type TurnRole = (typeof TURN_ROLES)[number];

/** Transcript lines, appended as they finalize so a crash never loses what was already said. */
export const callTurns = sqliteTable(
  'call_turns',
  {
    id: idColumn('turn'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    callId: text('call_id').notNull(),
    /** 1, 2, 3… per call, assigned atomically at insert. */
    sequence: integer('sequence').notNull(),
    role: text('role', { enum: TURN_ROLES }).notNull(),
    text: text('text').notNull(),
    /** Epoch ms when the utterance started / ended, when the session knows. */
    startedAtMs: integer('started_at_ms'),
    endedAtMs: integer('ended_at_ms'),
    /** An agent reply cut short by barge-in: `text` is what the caller actually heard. */
    interrupted: integer('interrupted', { mode: 'boolean' }).notNull().default(false),
    /** Caller end of speech → first agent audio, for agent turns. */
    latencyMs: integer('latency_ms'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    foreignKey({ columns: [t.businessId, t.callId], foreignColumns: [calls.businessId, calls.id] }).onDelete(
      'cascade',
    ),
    uniqueIndex('call_turns_call_sequence_unique').on(t.callId, t.sequence),
    // The overview's latency chart: a business's measured agent turns of the last days, read from the
    // index alone; partial, so turns without a latency cost nothing.
    index('call_turns_business_latency_idx')
      .on(t.businessId, t.createdAt, t.latencyMs)
      .where(sql`${t.latencyMs} is not null`),
  ],
);

export const TOOL_CALL_STATUSES = ['pending', 'ok', 'failed', 'error', 'timeout'] as const;
export type ToolCallStatus = (typeof TOOL_CALL_STATUSES)[number];

/**
 * Every tool invocation. Unique on (call, tool call id): a retried invocation finds the stored result
 * instead of acting twice.
 */
export const toolCalls = sqliteTable(
  'tool_calls',
  {
    id: idColumn('tc'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    callId: text('call_id').notNull(),
    toolCallId: text('tool_call_id').notNull(),
    name: text('name').notNull(),
    arguments: text('arguments', { mode: 'json' }).$type<unknown>(),
    result: text('result', { mode: 'json' }).$type<unknown>(),
    status: text('status', { enum: TOOL_CALL_STATUSES }).notNull(),
    latencyMs: integer('latency_ms'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    foreignKey({ columns: [t.businessId, t.callId], foreignColumns: [calls.businessId, calls.id] }).onDelete(
      'cascade',
    ),
    uniqueIndex('tool_calls_call_tool_call_unique').on(t.callId, t.toolCallId),
  ],
);

export type CallRow = typeof calls.$inferSelect;
export type CallTurnRow = typeof callTurns.$inferSelect;
export type ToolCallRow = typeof toolCalls.$inferSelect;
