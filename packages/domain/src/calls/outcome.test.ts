import { describe, expect, it } from 'vitest';
import { deriveCallOutcome } from './outcome.ts';

describe('deriveCallOutcome', () => {
  it('ranks a booking above a message taken on the same call', () => {
    const succeededTools = new Set(['take_message', 'check_availability', 'book_appointment']);
    expect(deriveCallOutcome({ succeededTools, status: 'completed' })).toBe('booked');
  });

  it('reports a DTMF transfer that used no tool as transferred', () => {
    expect(deriveCallOutcome({ succeededTools: new Set(), status: 'transferred' })).toBe('transferred');
  });

  it('tells a question answered from a call that did nothing', () => {
    expect(deriveCallOutcome({ succeededTools: new Set(['answer_question']), status: 'completed' })).toBe(
      'answered',
    );
    expect(deriveCallOutcome({ succeededTools: new Set(), status: 'failed' })).toBe('no_action');
  });
});
