import type { ToolCallRow } from '@receptionist/db';
import { z } from 'zod';
import { type CallContext, CallId, onCall, parseCallInput } from './context.ts';

export const RecordToolCallInput = z.object({
  callId: CallId,
  toolCallId: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(100),
  arguments: z.unknown(),
  result: z.unknown(),
  status: z.enum(['ok', 'failed', 'error', 'timeout']),
  latencyMs: z.number().optional(),
});
export type RecordToolCallInput = z.input<typeof RecordToolCallInput>;

/**
 * Records what a tool call did, as the engine saw it (end-to-end latency, timeouts). Upserts on the tool
 * call id, so it completes a row the tool's own transaction may have written.
 */
export async function recordToolCall({
  ctx,
  input,
}: {
  ctx: CallContext;
  input: RecordToolCallInput;
}): Promise<ToolCallRow> {
  const { callId, ...toolCall } = parseCallInput(RecordToolCallInput, input);
  return onCall(callId, () => ctx.tenant.calls.recordToolCall(callId, toolCall));
}
