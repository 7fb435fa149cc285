import type { CallDetail, CallTurnRow, ToolCallRow } from '../../../../../server/queries/types.ts';

export type TimelineEntry =
  | { kind: 'turn'; atMs: number; turn: CallTurnRow }
  | { kind: 'tool'; atMs: number; toolCall: ToolCallRow };

/** Transcript lines and tool calls in the order they happened (turns keep their own sequence order). */
export function buildTimeline(call: CallDetail): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...call.turns.map((turn) => ({ kind: 'turn' as const, atMs: turn.startedAtMs ?? turn.createdAt, turn })),
    ...call.toolCalls.map((toolCall) => ({ kind: 'tool' as const, atMs: toolCall.createdAt, toolCall })),
  ];
  return entries.sort((a, b) => {
    if (a.kind === 'turn' && b.kind === 'turn') return a.turn.sequence - b.turn.sequence;
    return a.atMs - b.atMs;
  });
}
