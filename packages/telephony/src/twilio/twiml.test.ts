import { describe, expect, it } from 'vitest';
import { readTwiml } from '../testing/twiml-reader.ts';
import {
  buildFallbackTwiml,
  buildHangupTwiml,
  buildSayHangupTwiml,
  buildStreamTwiml,
  buildTransferTwiml,
} from './twiml.ts';

describe('TwiML builders', () => {
  it('puts the disclosure first, the stream in <Connect>, then a fallback that needs no server of ours', () => {
    const xml = buildStreamTwiml({
      disclosure: 'This call is answered by an AI assistant & may be recorded.',
      streamUrl: 'wss://voice.example.test/twilio/stream/abc.def',
      parameters: { callId: 'call_1' },
      fallback: { kind: 'dial', phoneNumber: '+15551234567', say: 'Connecting you to our team.' },
    });
    expect(xml.indexOf('<Say')).toBeLessThan(xml.indexOf('<Connect>'));
    expect(xml).toContain('&amp; may be recorded');
    const parsed = readTwiml(xml);
    expect(parsed.stream).toEqual({
      url: 'wss://voice.example.test/twilio/stream/abc.def',
      parameters: { callId: 'call_1' },
    });
    expect(parsed.fallbackVerbs).toEqual(['Say', 'Dial']);
    expect(parsed.dialNumbers).toEqual(['+15551234567']);
  });

  it('falls back to voicemail when the business has no human line', () => {
    const parsed = readTwiml(
      buildStreamTwiml({
        streamUrl: 'wss://voice.example.test/twilio/stream/t',
        fallback: { kind: 'voicemail', say: 'Please leave a message after the tone.' },
      }),
    );
    expect(parsed.fallbackVerbs).toEqual(['Say', 'Record', 'Hangup']);
  });

  it('points the voicemail <Record> at our signed callbacks when given them', () => {
    const xml = buildFallbackTwiml({
      kind: 'voicemail',
      say: 'Leave a message.',
      actionUrl: 'https://voice.example.test/twilio/voicemail/done',
      recordingStatusCallbackUrl: 'https://voice.example.test/twilio/voicemail',
    });
    const record = /<Record [^>]*\/>/.exec(xml)?.[0] ?? '';
    expect(record).toContain('action="https://voice.example.test/twilio/voicemail/done"');
    expect(record).toContain('recordingStatusCallback="https://voice.example.test/twilio/voicemail"');
    expect(record).toContain('recordingStatusCallbackEvent="completed"');
    expect(record).toContain('recordingStatusCallbackMethod="POST"');
    expect(readTwiml(buildHangupTwiml()).hasHangup).toBe(true);
  });

  it('says something polite and hangs up', () => {
    const parsed = readTwiml(buildSayHangupTwiml('Sorry, this number is not in service.'));
    expect(parsed.says).toEqual(['Sorry, this number is not in service.']);
    expect(parsed.hasHangup).toBe(true);
    expect(parsed.stream).toBeUndefined();
  });

  it('dials the transfer destination', () => {
    expect(readTwiml(buildTransferTwiml({ phoneNumber: '+15550001111' })).dialNumbers).toEqual([
      '+15550001111',
    ]);
  });
});
