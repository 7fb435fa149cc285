import { describe, expect, it } from 'vitest';
import {
  TwilioMediaMessage,
  TwilioOutboundMessage,
  TwilioStartMessage,
  TwilioStreamMessages,
} from './media-protocol.ts';

const media = (fields: Record<string, unknown>) => ({
  event: 'media',
  streamSid: 'MZ1',
  media: { track: 'inbound', payload: '//8=' },
  ...fields,
});

describe('Twilio media message counters', () => {
  it.each([
    ['a digit string', '12', true],
    ['a non-negative integer', 12, true],
    ['a negative number', -1, false],
    ['a fraction', 1.5, false],
    ['a signed string', '-1', false],
    ['an empty string', '', false],
    ['a boolean', true, false],
  ])('sequenceNumber as %s → %s', (_label, sequenceNumber, valid) => {
    expect(TwilioMediaMessage.safeParse(media({ sequenceNumber })).success).toBe(valid);
  });

  it('keeps counters as sent and still reads the media format as numbers', () => {
    const parsed = TwilioMediaMessage.parse(
      media({
        sequenceNumber: '7',
        media: { track: 'inbound', chunk: '6', timestamp: 100, payload: '//8=' },
      }),
    );
    expect(parsed).toMatchObject({ sequenceNumber: '7', media: { chunk: '6', timestamp: 100 } });
    const start = TwilioStartMessage.parse({
      event: 'start',
      streamSid: 'MZ1',
      start: {
        accountSid: 'AC1',
        streamSid: 'MZ1',
        callSid: 'CA1',
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: '8000', channels: 1 },
      },
    });
    expect(start.start.mediaFormat).toEqual({ encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 });
  });
});

describe('TwilioStreamMessages', () => {
  // A stream id Twilio would never send, to prove the spliced media text is still escaped JSON.
  const awkwardSid = 'MZ"quoted"\\back\nline';
  const messages = new TwilioStreamMessages(awkwardSid);
  const parse = (text: string) => TwilioOutboundMessage.parse(JSON.parse(text));

  it('writes media as the JSON Twilio expects, base64 payload included', () => {
    const mulaw = Uint8Array.from({ length: 160 }, (_, index) => (index * 7) % 256);
    expect(parse(messages.media(mulaw))).toEqual({
      event: 'media',
      streamSid: awkwardSid,
      media: { payload: Buffer.from(mulaw).toString('base64') },
    });
  });

  it('writes marks and clears for the same stream', () => {
    expect(parse(messages.mark('m1'))).toEqual({
      event: 'mark',
      streamSid: awkwardSid,
      mark: { name: 'm1' },
    });
    expect(parse(messages.clear())).toEqual({ event: 'clear', streamSid: awkwardSid });
  });
});
