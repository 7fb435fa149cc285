/**
 * Checks a scenario's expectations against what the call left in the database. Pure: every unmet
 * expectation becomes one sentence, so a failing scenario says exactly what went wrong.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { CallRecord } from './call-log.ts';
import { resolveDateCandidates } from './dates.ts';
import type { Expectations } from './schema.ts';

/** The recorded result of a tool (ToolResult from @receptionist/engine), read loosely: it is stored JSON. */
const RecordedToolResult = z
  .object({
    ok: z.boolean().optional(),
    code: z.string().optional(),
    action: z
      .object({
        type: z.string(),
        destinationName: z.string().optional(),
        destinationId: z.string().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

export interface ToolCallView {
  name: string;
  status: string;
  ok: boolean | undefined;
  code: string | undefined;
  arguments: unknown;
  transferTo: string | undefined;
}

export function toolCallViews(record: CallRecord): ToolCallView[] {
  return record.call.toolCalls.map((toolCall) => {
    const result = RecordedToolResult.safeParse(toolCall.result);
    const action = result.success ? result.data.action : undefined;
    return {
      name: toolCall.name,
      status: toolCall.status,
      ok: result.success ? result.data.ok : undefined,
      code: result.success ? result.data.code : undefined,
      arguments: toolCall.arguments,
      transferTo: action?.type === 'transfer' ? (action.destinationName ?? action.destinationId) : undefined,
    };
  });
}

const includes = (haystack: string | null | undefined, needle: string): boolean =>
  (haystack ?? '').toLowerCase().includes(needle.toLowerCase());

const oneOf = (value: string | null | undefined, allowed: string | string[]): boolean =>
  (Array.isArray(allowed) ? allowed : [allowed]).includes(value ?? '');

function slotMatches(
  slot: { date: string; time: string; serviceName?: string },
  wanted: { date?: string | undefined; time?: string | undefined; service?: string | undefined },
  timeZone: string,
  now: Date,
): boolean {
  if (wanted.service && !includes(slot.serviceName, wanted.service)) return false;
  if (wanted.time && slot.time !== wanted.time) return false;
  if (wanted.date) {
    const candidates = resolveDateCandidates(wanted.date, timeZone, DateTime.fromJSDate(now));
    if (!candidates.includes(slot.date)) return false;
  }
  return true;
}

function describeSlots(slots: Array<{ serviceName: string; date: string; time: string }>): string {
  return slots.length === 0 ? 'none' : slots.map((s) => `${s.serviceName} ${s.date} ${s.time}`).join(', ');
}

export function checkExpectations(
  expect: Expectations,
  record: CallRecord,
  observed: { clears: number },
  now: Date,
): string[] {
  const failures: string[] = [];
  const timeZone = record.business.timeZone;
  const tools = toolCallViews(record);
  const turns = record.call.turns;
  const transcript = turns.map((turn) => turn.text).join('\n');
  const agentText = turns
    .filter((turn) => turn.role === 'agent')
    .map((turn) => turn.text)
    .join('\n');

  if (expect.appointment) {
    const wanted = expect.appointment;
    if (!record.booked.some((slot) => slotMatches(slot, wanted, timeZone, now))) {
      failures.push(
        `expected an appointment booked (${[wanted.service, wanted.date, wanted.time].filter(Boolean).join(' ')}); booked: ${describeSlots(record.booked)}`,
      );
    }
  }
  if (expect.no_appointment && record.booked.length > 0) {
    failures.push(`expected no appointment booked; booked: ${describeSlots(record.booked)}`);
  }
  if (expect.appointment_cancelled && record.cancelled.length === 0) {
    failures.push('expected an appointment cancelled during the call; none was');
  }
  if (expect.appointment_rescheduled) {
    const wanted = expect.appointment_rescheduled;
    if (!record.moved.some((slot) => slotMatches(slot, wanted, timeZone, now))) {
      failures.push(
        `expected an appointment moved to ${[wanted.date, wanted.time].filter(Boolean).join(' ') || 'a new time'}; moved: ${describeSlots(record.moved)}`,
      );
    }
  }
  if (expect.message) {
    const wanted = expect.message;
    const match = record.messages.find(
      (message) =>
        (!wanted.name || includes(message.callerName, wanted.name)) &&
        (!wanted.phone || message.callerNumber === wanted.phone) &&
        (!wanted.reason_contains || includes(message.reason, wanted.reason_contains)) &&
        (!wanted.urgency || message.urgency === wanted.urgency),
    );
    if (!match) {
      const taken = record.messages.map(
        (m) => `${m.callerName ?? '?'} / ${m.callerNumber ?? '?'} / ${m.reason}`,
      );
      failures.push(`expected a message ${JSON.stringify(wanted)}; taken: ${taken.join('; ') || 'none'}`);
    }
  }
  if (expect.no_message && record.messages.length > 0) {
    failures.push(`expected no message; ${record.messages.length} taken`);
  }
  const transfers = tools.filter(
    (tool) => tool.name === 'transfer_call' && tool.ok !== false && tool.status === 'ok',
  );
  // A keypress (DTMF 0) transfers in the call session without any tool: the call log's status and end
  // reason (`dtmf_0: Front desk`) record it.
  const sessionTransfer = record.call.status === 'transferred' ? (record.call.endReason ?? '') : undefined;
  if (expect.transfer) {
    const destination = expect.transfer.destination;
    const matched =
      transfers.some((tool) => includes(tool.transferTo, destination)) ||
      (sessionTransfer !== undefined && includes(sessionTransfer, destination));
    if (!matched) {
      const seen = transfers.map((tool) => tool.transferTo ?? '?').join(', ') || 'none';
      failures.push(
        `expected a transfer to "${destination}"; transfers: ${seen} (call status ${record.call.status})`,
      );
    }
  }
  if (expect.no_transfer && (transfers.length > 0 || record.call.status === 'transferred')) {
    failures.push('expected no transfer; the call was transferred');
  }
  if (expect.end_reason && !oneOf(record.call.endReason, expect.end_reason)) {
    failures.push(
      `expected end reason ${JSON.stringify(expect.end_reason)}; got ${record.call.endReason ?? 'none'}`,
    );
  }
  if (expect.call_status && !oneOf(record.call.status, expect.call_status)) {
    failures.push(`expected call status ${JSON.stringify(expect.call_status)}; got ${record.call.status}`);
  }
  for (const phrase of expect.transcript_contains ?? []) {
    if (!includes(transcript, phrase)) failures.push(`expected the transcript to contain "${phrase}"`);
  }
  for (const phrase of expect.agent_said ?? []) {
    if (!includes(agentText, phrase)) failures.push(`expected the receptionist to say "${phrase}"`);
  }
  for (const phrase of expect.transcript_excludes ?? []) {
    if (includes(transcript, phrase)) failures.push(`expected the transcript not to contain "${phrase}"`);
  }
  for (const wanted of expect.tools ?? []) {
    const found = tools.some(
      (tool) =>
        tool.name === wanted.name &&
        (wanted.ok === undefined || tool.ok === wanted.ok) &&
        (wanted.code === undefined || tool.code === wanted.code),
    );
    if (!found) {
      const seen = tools.map(
        (tool) => `${tool.name}${tool.code ? `(${tool.code})` : tool.ok === false ? '(failed)' : ''}`,
      );
      failures.push(`expected tool call ${JSON.stringify(wanted)}; calls: ${seen.join(', ') || 'none'}`);
    }
  }
  for (const name of expect.no_tools ?? []) {
    if (tools.some((tool) => tool.name === name && tool.ok !== false))
      failures.push(`expected no successful ${name} call`);
  }
  if (expect.agent_interrupted && observed.clears === 0 && !turns.some((turn) => turn.interrupted)) {
    failures.push(
      'expected the receptionist to be interrupted (a clear or an interrupted turn); neither happened',
    );
  }
  return failures;
}
