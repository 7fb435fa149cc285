import { describe, expect, it } from 'vitest';
import type { CallLogEntry } from './call-log-entry.ts';
import { type CallLogStep, planCallLogSteps } from './call-log-steps.ts';

const turn = (businessId: string, callId: string, text: string): CallLogEntry => ({
  op: 'turn',
  businessId,
  callId,
  turn: { role: 'caller', text },
});
const end = (businessId: string, callId: string): CallLogEntry => ({
  op: 'end',
  businessId,
  callId,
  status: 'completed',
  endReason: 'caller_hangup',
  succeededTools: [],
});

/** Each step in a short form: `A1:hello` for a line, `end A1` for an entry. */
function describeSteps(steps: CallLogStep[]): string[] {
  return steps.map((step) =>
    step.kind === 'turns'
      ? step.turns.map((line) => `${line.callId}:${line.text}`).join(' + ')
      : `${step.entry.op} ${step.entry.callId}`,
  );
}

describe('planCallLogSteps', () => {
  it('puts the lines of different calls of one business into one insert', () => {
    const steps = planCallLogSteps([turn('b', 'A', 'a1'), turn('b', 'B', 'b1'), turn('b', 'C', 'c1')]);
    expect(describeSteps(steps)).toEqual(['A:a1 + B:b1 + C:c1']);
  });

  it("starts a new insert at a call's second line, so each call's lines keep their order", () => {
    const steps = planCallLogSteps([turn('b', 'A', 'a1'), turn('b', 'B', 'b1'), turn('b', 'A', 'a2')]);
    expect(describeSteps(steps)).toEqual(['A:a1 + B:b1', 'A:a2']);
  });

  it("lands a call's pending line before anything else about that call, and not before others'", () => {
    const steps = planCallLogSteps([
      turn('b', 'A', 'a1'),
      end('b', 'C'),
      turn('b', 'B', 'b1'),
      end('b', 'A'),
      turn('b', 'C', 'c-late'),
    ]);
    expect(describeSteps(steps)).toEqual(['end C', 'A:a1 + B:b1', 'end A', 'C:c-late']);
  });

  it('keeps businesses apart, and sends a line replayed after a crash alone', () => {
    const replayed: CallLogEntry = { ...turn('x', 'X', 'x0'), replayed: true } as CallLogEntry;
    const steps = planCallLogSteps([
      turn('b', 'A', 'a1'),
      replayed,
      turn('x', 'Y', 'y1'),
      turn('b', 'B', 'b1'),
    ]);
    expect(describeSteps(steps)).toEqual(['turn X', 'A:a1 + B:b1', 'Y:y1']);
  });
});
