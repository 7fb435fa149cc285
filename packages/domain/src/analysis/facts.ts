import type { CallDetail, CallOutcome } from '@receptionist/db';
import { primaryLanguageOf } from '../profile/languages.ts';
import type { BusinessProfile } from '../profile/schema.ts';

/** One tool invocation as the analysis reads it: what was asked and what came back. */
export interface ToolFact {
  name: string;
  arguments: Record<string, unknown>;
  ok: boolean;
  /** The result's sentence (what the receptionist was told to say). */
  message: string | undefined;
  code: string | undefined;
  data: Record<string, unknown> | undefined;
}

/** Everything the post-call analysis works from: plain data, so the analysers stay pure. */
export interface CallFacts {
  callId: string;
  status: string;
  endReason: string | null;
  durationMs: number | null;
  fromNumber: string | null;
  /** The outcome already stored on the row, if the call session set one. */
  storedOutcome: CallOutcome | null;
  turns: Array<{ role: 'caller' | 'agent' | 'system'; text: string }>;
  tools: ToolFact[];
  /** The business's prices in cents, by service name: what a spoken price is checked against. */
  prices: Array<{ service: string; priceCents: number }>;
  /** The business's primary language, the fallback for the caller's. */
  language: string;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function toolFact(row: {
  name: string;
  arguments: unknown;
  result: unknown;
  status: string;
}): ToolFact {
  const result = record(row.result);
  return {
    name: row.name,
    arguments: record(row.arguments) ?? {},
    ok: row.status === 'ok' && result?.ok === true,
    message: text(result?.message),
    code: text(result?.code),
    data: record(result?.data),
  };
}

export function callFacts(
  call: CallDetail,
  profile: Pick<BusinessProfile, 'services' | 'languages' | 'primaryLanguage'> | undefined,
): CallFacts {
  return {
    callId: call.id,
    status: call.status,
    endReason: call.endReason,
    durationMs: call.durationMs,
    fromNumber: call.fromNumber,
    storedOutcome: call.outcome,
    turns: call.turns.map((turn) => ({ role: turn.role, text: turn.text })),
    tools: call.toolCalls.map(toolFact),
    prices: (profile?.services ?? []).flatMap((service) =>
      service.priceCents === undefined ? [] : [{ service: service.name, priceCents: service.priceCents }],
    ),
    language: profile ? primaryLanguageOf(profile) : 'en',
  };
}

/** The string field `key` of a tool's arguments or data, when present. */
export function stringField(source: Record<string, unknown> | undefined, key: string): string | undefined {
  return text(source?.[key]);
}

export { record as asRecord };
