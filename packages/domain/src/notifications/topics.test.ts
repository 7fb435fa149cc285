import { describe, expect, it } from 'vitest';
import type { BusinessEvent } from '../events/types.ts';
import { smsKeyword } from './opt-out.ts';
import { topicsOf } from './plan.ts';

const event = (type: BusinessEvent['type'], data: Record<string, unknown> = {}): BusinessEvent => ({
  id: 'evt_1',
  type,
  businessId: 'biz_1',
  occurredAt: 0,
  data,
});

describe('topicsOf', () => {
  it('files each event under what the owner can ask for', () => {
    expect(topicsOf(event('message.taken', { urgency: 'normal' }))).toEqual(['message']);
    expect(topicsOf(event('message.taken', { urgency: 'high' }))).toEqual(['urgent_message', 'message']);
    expect(topicsOf(event('appointment.cancelled'))).toEqual(['booking']);
    expect(topicsOf(event('voicemail.received'))).toEqual(['voicemail']);
    expect(topicsOf(event('call.ended'))).toEqual([]);
  });
});

describe('smsKeyword', () => {
  it('knows Twilio’s opt-out and opt-in words in any case, and nothing else', () => {
    for (const word of ['STOP', 'stop', ' Stop. ', 'unsubscribe', 'CANCEL', 'end', 'quit', 'STOPALL']) {
      expect(smsKeyword(word)).toBe('stop');
    }
    for (const word of ['START', 'yes', 'Unstop']) expect(smsKeyword(word)).toBe('start');
    for (const word of ['stop calling me please', 'hello', '', 'STOPP'])
      expect(smsKeyword(word)).toBeUndefined();
  });
});
