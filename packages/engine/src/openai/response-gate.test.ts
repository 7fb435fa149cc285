import { describe, expect, it } from 'vitest';
import { ResponseGate } from './response-gate.ts';

describe('ResponseGate', () => {
  it('holds response.create while a response runs, merges plain requests and keeps fixed sentences', () => {
    const sent: unknown[] = [];
    const gate = new ResponseGate((event) => sent.push(event));
    gate.created(); // turn detection started a response
    gate.request();
    gate.request();
    gate.request({ instructions: 'Say hello' });
    expect(sent).toEqual([]);
    gate.done();
    expect(sent).toEqual([{ type: 'response.create', event_id: 'response_create_1' }]);
    gate.created();
    gate.cancel();
    gate.cancel();
    expect(sent.slice(1)).toEqual([{ type: 'response.cancel' }]);
    gate.done();
    expect(sent.slice(2)).toEqual([
      { type: 'response.create', event_id: 'response_create_2', response: { instructions: 'Say hello' } },
    ]);
  });

  it('frees itself when the server refuses the pending request, and never cancels an idle session', () => {
    const sent: unknown[] = [];
    const gate = new ResponseGate((event) => sent.push(event));
    gate.cancel();
    gate.request();
    gate.request({ instructions: 'Again' });
    expect(sent).toHaveLength(1);
    gate.failed({ type: 'error', error: { code: 'other', message: 'unrelated', event_id: 'x' } });
    expect(sent).toHaveLength(1);
    gate.failed({
      type: 'error',
      error: { code: 'conversation_already_has_active_response', event_id: 'response_create_1' },
    });
    expect(sent.at(-1)).toEqual({
      type: 'response.create',
      event_id: 'response_create_2',
      response: { instructions: 'Again' },
    });
  });
});
