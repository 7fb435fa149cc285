/**
 * The scenario file format (YAML), validated with zod. Documented for users in apps/caller/README.md;
 * keep the two in step. Dates are relative phrases resolved when the scenario runs, so files never go stale.
 */
import { z } from 'zod';

const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'a phone number in E.164 form, e.g. +15551234567');
const durationMs = z.number().int().min(0).max(600_000);

/** "today", "tomorrow", "tuesday", "next tuesday", "in 3 days" or an ISO date (YYYY-MM-DD). */
export const DatePhrase = z
  .string()
  .regex(
    /^(today|tomorrow|(next\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in\s+\d{1,3}\s+days?|\d{4}-\d{2}-\d{2})$/i,
    'today, tomorrow, [next] <weekday>, in N days, or YYYY-MM-DD',
  );

/** 24-hour "HH:mm" local to the business. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour time such as "14:00"');

export const SayTurn = z
  .object({
    say: z.string().trim().min(1),
    /** Wait for the receptionist's reply before the next turn (default true). */
    wait_for_reply: z.boolean().default(true),
  })
  .strict();
export const PressTurn = z
  .object({
    press: z.string().regex(/^[0-9*#]+$/, 'keypad digits 0-9, * and #'),
    wait_for_reply: z.boolean().default(true),
  })
  .strict();
/** Let time pass with the line open (silence frames keep flowing, as on a real call). */
export const WaitTurn = z.object({ wait_ms: durationMs }).strict();
/** Stay silent up to `silence_ms`; the receptionist may speak or hang up meanwhile (silence timeout). */
export const SilenceTurn = z.object({ silence_ms: durationMs }).strict();
/** Start talking over the receptionist's next reply once its audio starts (barge-in). */
export const InterruptTurn = z
  .object({ interrupt: z.string().trim().min(1), wait_for_reply: z.boolean().default(true) })
  .strict();
export const HangupTurn = z.object({ hangup: z.literal(true) }).strict();

export const Turn = z.union([
  SayTurn,
  PressTurn,
  WaitTurn,
  SilenceTurn,
  InterruptTurn,
  HangupTurn,
  z.literal('hangup').transform(() => ({ hangup: true as const })),
]);
export type Turn = z.output<typeof Turn>;

export const SlotSpec = z.object({ date: DatePhrase, time: ClockTime }).strict();

export const SetupAppointment = z
  .object({
    /** Service name (case-insensitive substring) or id. */
    service: z.string().min(1),
    date: DatePhrase,
    time: ClockTime,
    customer: z.object({ name: z.string().min(1), phone: E164 }).strict(),
  })
  .strict();

export const ToolExpectation = z
  .object({
    name: z.string().min(1),
    ok: z.boolean().optional(),
    /** The tool's machine-readable failure code, e.g. slot_taken, unknown_service, outside_hours. */
    code: z.string().min(1).optional(),
  })
  .strict();

export const Expectations = z
  .object({
    /** An appointment booked during this call. */
    appointment: z
      .object({
        service: z.string().min(1).optional(),
        date: DatePhrase.optional(),
        time: ClockTime.optional(),
      })
      .strict()
      .optional(),
    /** Nothing booked during this call. */
    no_appointment: z.literal(true).optional(),
    /** An existing appointment of the caller was cancelled during this call. */
    appointment_cancelled: z.literal(true).optional(),
    /** An existing appointment of the caller was moved to this slot during this call. */
    appointment_rescheduled: SlotSpec.partial().optional(),
    /** A message taken during this call; strings match case-insensitively as substrings. */
    message: z
      .object({
        name: z.string().min(1).optional(),
        phone: E164.optional(),
        reason_contains: z.string().min(1).optional(),
        urgency: z.enum(['low', 'normal', 'high']).optional(),
      })
      .strict()
      .optional(),
    no_message: z.literal(true).optional(),
    /** The call was handed to a person: destination name (case-insensitive substring). */
    transfer: z
      .object({ destination: z.string().min(1) })
      .strict()
      .optional(),
    no_transfer: z.literal(true).optional(),
    /** How the call ended (the call log's end reason); a list means any of them. */
    end_reason: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    call_status: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    /** Each phrase appears somewhere in the transcript (any role, case-insensitive). */
    transcript_contains: z.array(z.string().min(1)).optional(),
    /** Phrases the agent must have said. */
    agent_said: z.array(z.string().min(1)).optional(),
    transcript_excludes: z.array(z.string().min(1)).optional(),
    /** Tool calls that must appear in the call log. */
    tools: z.array(ToolExpectation).optional(),
    /** Tools that must not have been called. */
    no_tools: z.array(z.string().min(1)).optional(),
    /** At least one agent reply was cut short by the caller (barge-in). */
    agent_interrupted: z.literal(true).optional(),
  })
  .strict();
export type Expectations = z.output<typeof Expectations>;

/** One caller turn as the fake OpenAI peers play it (the OpenAI scenario suite only). */
export const OpenAIScriptTurn = z
  .object({
    /** BCP-47 language the realtime agent reports for this turn (`callerLanguage`). */
    language: z.string().min(2).max(20).optional(),
    /** Tools the supervisor model calls, in order, before it answers; date phrases in `date` are resolved. */
    tools: z
      .array(z.object({ name: z.string().min(1), arguments: z.record(z.string(), z.unknown()) }).strict())
      .default([]),
    /**
     * What the supervisor model answers. `{spoken}` becomes the last tool result's read-back in the
     * caller's language (a booked appointment's or the first free slot's `spoken`).
     */
    reply: z.string().min(1),
  })
  .strict();
export type OpenAIScriptTurn = z.output<typeof OpenAIScriptTurn>;

export const Scenario = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    /** "demo" (the seeded Bright Smile Dental) or the business's phone number in E.164. */
    business: z.union([z.literal('demo'), E164]).default('demo'),
    caller: z.object({ from: E164, name: z.string().min(1).optional() }).strict(),
    /**
     * The engine the scenario is written for: `local` runs in the offline suite, `openai` in the suite
     * with fake OpenAI peers played from `openai_script`. Against a running server, both just call.
     */
    engine: z.enum(['local', 'openai']).default('local'),
    /** Keys pressed at the business's keypad language menu (none: the menu times out, primary language). */
    keypad_at_menu: z
      .string()
      .regex(/^[0-9*#]$/, 'one keypad key')
      .optional(),
    /** For `engine: openai` under test: what the model does on each `say` turn, in order. */
    openai_script: z.array(OpenAIScriptTurn).optional(),
    /** flite voice for the caller's lines (flite speaks English; other languages' lines are sounded out). */
    voice: z.enum(['slt', 'rms', 'awb', 'kal16']).default('slt'),
    /** State created before the call (e.g. an appointment that makes a slot taken). */
    setup: z
      .object({ appointments: z.array(SetupAppointment).default([]) })
      .strict()
      .default({ appointments: [] }),
    turns: z.array(Turn).min(1),
    expect: Expectations.default({}),
    /** Run this scenario alone (it changes state other scenarios read). */
    exclusive: z.boolean().default(false),
    /** Longest the whole call may take. */
    timeout_ms: durationMs.default(120_000),
    /** How long agent audio must stay quiet before its reply counts as finished. */
    reply_silence_ms: z.number().int().min(100).max(10_000).default(1200),
    /** Longest to wait for a reply to start. */
    reply_timeout_ms: durationMs.default(30_000),
  })
  .strict();
export type Scenario = z.output<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;
