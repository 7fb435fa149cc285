import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { CallerError } from './errors.ts';
import { parseStreamTwiml, streamUrlOnServer, twilioSignature } from './twilio-webhook.ts';

describe('twilioSignature', () => {
  it('matches the signature Twilio itself computes (checked with the twilio library)', () => {
    const url = 'https://example.test/twilio/voice';
    const params = { To: '+15005550006', From: '+15551230000', CallSid: 'CA123', Digits: '12#' };
    const signature = twilioSignature('token-abc', url, params);
    expect(twilio.validateRequest('token-abc', signature, url, params)).toBe(true);
    expect(twilio.validateRequest('token-xyz', signature, url, params)).toBe(false);
  });
});

describe('parseStreamTwiml', () => {
  it('reads the stream URL and its parameters, decoding XML entities', () => {
    const twiml = `<?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="wss://voice.example/twilio/stream/tok&amp;en"><Parameter name="callId" value="c-1"/><Parameter name='x' value='a&lt;b'/></Stream></Connect><Say>Sorry.</Say></Response>`;
    expect(parseStreamTwiml(twiml)).toEqual({
      url: 'wss://voice.example/twilio/stream/tok&en',
      parameters: { callId: 'c-1', x: 'a<b' },
    });
  });

  it('rejects TwiML without a stream with a coded error', () => {
    expect(() => parseStreamTwiml('<Response><Reject/></Response>')).toThrow(CallerError);
    try {
      parseStreamTwiml('<Response><Say>busy</Say></Response>');
    } catch (error) {
      expect((error as CallerError).code).toBe('twiml_without_stream');
    }
  });

  it('moves the public stream URL onto the server origin, keeping the token path', () => {
    expect(streamUrlOnServer('wss://public.example/twilio/stream/abc?x=1', 'http://127.0.0.1:9000')).toBe(
      'ws://127.0.0.1:9000/twilio/stream/abc?x=1',
    );
  });
});
