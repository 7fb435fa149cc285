import { CALL_OUTCOMES, MESSAGE_URGENCIES } from '@receptionist/db';
import { z } from 'zod';

export const APPOINTMENT_CHANGES = ['none', 'booked', 'rescheduled', 'cancelled'] as const;
export const PROMISE_KINDS = ['booked', 'cancelled', 'rescheduled', 'callback', 'price'] as const;
export type PromiseKind = (typeof PROMISE_KINDS)[number];

/**
 * What a language model is asked to fill in about a call. Every field is required and nullable rather
 * than optional, and there are no length bounds, because OpenAI's strict structured outputs accept only
 * that subset of JSON Schema; `toStoredFields` clips the values afterwards. The outcome and the
 * appointment change are not asked for: the call's tool results decide them exactly.
 */
export const CallAnalysisModelOutput = z.object({
  summary: z
    .string()
    .describe('Two to four plain sentences for the business owner: who called, why, what was done.'),
  callerName: z.string().nullable().describe("The caller's name if they gave it, else null."),
  callbackNumber: z
    .string()
    .nullable()
    .describe('A number the caller asked to be called back on, if they gave one, else null.'),
  reason: z.string().nullable().describe('Why they called, in a short phrase.'),
  followUpNeeded: z.boolean().describe('True when someone at the business must do something.'),
  urgency: z.enum(MESSAGE_URGENCIES),
  language: z.string().describe('The language the caller spoke, as a BCP 47 tag such as en or es-MX.'),
  unansweredQuestions: z
    .array(z.string())
    .describe('Questions the caller asked that the receptionist could not answer, in the caller’s words.'),
});
export type CallAnalysisModelOutput = z.infer<typeof CallAnalysisModelOutput>;

export const UnkeptPromise = z.object({
  kind: z.enum(PROMISE_KINDS),
  /** The receptionist's sentence. */
  quote: z.string().max(500),
  /** Why no tool result backs it. */
  problem: z.string().max(300),
});
export type UnkeptPromise = z.infer<typeof UnkeptPromise>;

/** The stored analysis of a call (`calls.analysis`), as the API returns it. */
export const CallAnalysis = z.object({
  version: z.literal(1),
  /** Who wrote the narrative fields: the model, or the deterministic summariser (no key, or it failed). */
  source: z.enum(['openai', 'deterministic']),
  summary: z.string().min(1).max(1200),
  outcome: z.enum(CALL_OUTCOMES),
  callerName: z.string().max(200).nullable(),
  callbackNumber: z.string().max(40).nullable(),
  reason: z.string().max(500).nullable(),
  appointmentChange: z.enum(APPOINTMENT_CHANGES),
  followUpNeeded: z.boolean(),
  urgency: z.enum(MESSAGE_URGENCIES),
  language: z.string().min(2).max(35),
  unkeptPromises: z.array(UnkeptPromise).max(50),
  unansweredQuestions: z.array(z.string().max(500)).max(50),
});
export type CallAnalysis = z.infer<typeof CallAnalysis>;

/** Reads a stored analysis; undefined when absent or from a shape this version does not know. */
export function parseStoredAnalysis(value: unknown): CallAnalysis | undefined {
  const parsed = CallAnalysis.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
