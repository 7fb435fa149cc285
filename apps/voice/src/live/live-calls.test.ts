import { describe, expect, it } from 'vitest';
import { type LiveCallEvent, LiveCalls } from './live-calls.ts';

function hub() {
  let now = 1_000;
  const live = new LiveCalls({ now: () => now++ });
  const system: string[] = [];
  live.open({
    callId: 'call_a',
    businessId: 'biz_a',
    channel: 'phone',
    logSystemLine: (t) => system.push(t),
  });
  live.open({ callId: 'call_b', businessId: 'biz_b', channel: 'browser', logSystemLine: () => {} });
  return { live, system };
}

describe('LiveCalls', () => {
  it("keeps each business's calls apart", () => {
    const { live } = hub();
    expect(live.list('biz_a').map((c) => c.callId)).toEqual(['call_a']);
    expect(live.list('biz_b').map((c) => c.callId)).toEqual(['call_b']);
    expect(live.list('biz_c')).toEqual([]);
    expect(live.businessOf('call_b')).toBe('biz_b');
  });

  it('replays what a subscriber missed after its last event, then streams new ones in order', () => {
    const { live } = hub();
    live.publish('call_a', { type: 'state', state: 'in_progress', engine: 'local' });
    live.publish('call_a', { type: 'turn', role: 'agent', text: 'Hello' });
    live.publish('call_a', { type: 'turn', role: 'caller', text: 'Hi' });
    const seen: LiveCallEvent[] = [];
    const subscription = live.subscribe('call_a', 1, (event) => seen.push(event));
    expect(subscription?.backlog.map((e) => e.seq)).toEqual([2, 3]);
    live.publish('call_a', { type: 'turn', role: 'agent', text: 'How can I help?' });
    expect(seen.map((e) => e.seq)).toEqual([4]);
    expect(live.summary('call_a')).toMatchObject({ state: 'in_progress', engine: 'local' });
  });

  it('ends the stream once when the call goes, and forgets the call', () => {
    const { live } = hub();
    const seen: LiveCallEvent[] = [];
    live.subscribe('call_a', 0, (event) => seen.push(event));
    live.publish('call_a', { type: 'end', status: 'completed', reason: 'caller_hangup' });
    live.publish('call_a', { type: 'turn', role: 'agent', text: 'too late' });
    live.close('call_a');
    expect(seen.map((e) => e.type)).toEqual(['end']);
    expect(live.subscribe('call_a', 0, () => {})).toBeUndefined();
    expect(live.list('biz_a')).toEqual([]);
  });

  it('passes staff lines to the call log only while the call is live', () => {
    const { live, system } = hub();
    expect(live.logSystemLine('call_a', 'Staff note')).toBe(true);
    expect(system).toEqual(['Staff note']);
    live.close('call_a');
    expect(live.logSystemLine('call_a', 'late')).toBe(false);
  });
});
