import { type AppendCallTurnInput, appendCallTurns } from '@receptionist/domain';
import {
  applyCallLogEntry,
  type CallLogEntry,
  type CallLogTransaction,
  callLogContext,
} from './call-log-entry.ts';

/**
 * A batch of call-log entries as the database receives them: most entries through their own verb, but the
 * transcript lines of different calls of one business together, one insert for all (a line is most of
 * the call log's writes: at 100 calls, about eight for every other entry).
 */
export type CallLogStep =
  | { kind: 'entry'; entry: CallLogEntry }
  | { kind: 'turns'; businessId: string; turns: AppendCallTurnInput[] };

/**
 * Plans a batch's steps, keeping each call's own entries in their order: a call's line waits in its
 * business's group until something else about that call (its end, another line) comes, and the group
 * lands first. Entries of different calls may land in another order than they were queued: nothing
 * orders them. A line replayed after a crash goes alone, as it is written only if it is not there yet.
 */
export function planCallLogSteps(entries: readonly CallLogEntry[]): CallLogStep[] {
  const steps: CallLogStep[] = [];
  const groups = new Map<string, { step: Extract<CallLogStep, { kind: 'turns' }>; calls: Set<string> }>();
  const land = (businessId: string): void => {
    const group = groups.get(businessId);
    if (group === undefined) return;
    steps.push(group.step);
    groups.delete(businessId);
  };
  for (const entry of entries) {
    const pending = groups.get(entry.businessId);
    if (entry.op === 'turn' && entry.replayed !== true) {
      if (pending?.calls.has(entry.callId)) land(entry.businessId);
      let group = groups.get(entry.businessId);
      if (group === undefined) {
        group = { step: { kind: 'turns', businessId: entry.businessId, turns: [] }, calls: new Set() };
        groups.set(entry.businessId, group);
      }
      group.step.turns.push({ ...entry.turn, callId: entry.callId });
      group.calls.add(entry.callId);
      continue;
    }
    if (pending?.calls.has(entry.callId)) land(entry.businessId);
    steps.push({ kind: 'entry', entry });
  }
  for (const businessId of [...groups.keys()]) land(businessId);
  return steps;
}

/** Writes one step through the domain's call verbs. */
export async function applyCallLogStep(tx: CallLogTransaction, step: CallLogStep): Promise<void> {
  if (step.kind === 'entry') {
    await applyCallLogEntry(tx, step.entry);
    return;
  }
  await appendCallTurns({ ctx: callLogContext(tx, step.businessId), input: step.turns });
}
