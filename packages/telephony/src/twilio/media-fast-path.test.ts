import { describe, expect, it } from 'vitest';
import { acceptMediaMessage } from './media-fast-path.ts';
import { TwilioMediaMessage } from './media-protocol.ts';

const valid = {
  event: 'media',
  sequenceNumber: '3',
  streamSid: 'MZ1',
  media: { track: 'inbound', chunk: '2', timestamp: '40', payload: '//8=' },
};
const withMedia = (media: Record<string, unknown>) => ({ ...valid, media: { ...valid.media, ...media } });

/** Each case once through the hand check and once through the schema: they must agree. */
const cases: Array<[string, unknown]> = [
  ['a Twilio media message', valid],
  ['numeric counters', { ...valid, sequenceNumber: 3, media: { ...valid.media, chunk: 2, timestamp: 40 } }],
  ['no counters', { event: 'media', streamSid: 'MZ1', media: { payload: '//8=' } }],
  ['no track (defaults to inbound)', withMedia({ track: undefined })],
  ['an outbound track', withMedia({ track: 'outbound' })],
  ['extra fields', { ...valid, extra: { nested: true } }],
  ['a negative sequence number', { ...valid, sequenceNumber: -1 }],
  ['a fractional chunk', withMedia({ chunk: 1.5 })],
  ['a signed timestamp string', withMedia({ timestamp: '-4' })],
  ['an empty counter string', { ...valid, sequenceNumber: '' }],
  ['a null counter', { ...valid, sequenceNumber: null }],
  ['a boolean counter', withMedia({ chunk: true })],
  ['no stream id', { ...valid, streamSid: undefined }],
  ['an empty stream id', { ...valid, streamSid: '' }],
  ['a numeric stream id', { ...valid, streamSid: 7 }],
  ['no media', { ...valid, media: undefined }],
  ['media as an array', { ...valid, media: ['//8='] }],
  ['media as null', { ...valid, media: null }],
  ['no payload', withMedia({ payload: undefined })],
  ['a numeric payload', withMedia({ payload: 12 })],
  ['a numeric track', withMedia({ track: 1 })],
  ['another event', { ...valid, event: 'mark' }],
  ['an array', [valid]],
  ['a string', 'media'],
  ['null', null],
];

describe('acceptMediaMessage', () => {
  it.each(cases)('%s: same answer as the schema', (_label, json) => {
    // Both may default the track in place, so each gets its own copy.
    const copy = () => (json === undefined ? json : JSON.parse(JSON.stringify(json)));
    const schema = TwilioMediaMessage.safeParse(copy());
    const fast = acceptMediaMessage(copy());
    expect(fast !== undefined).toBe(schema.success);
    if (schema.success) expect(fast).toMatchObject(schema.data);
  });

  it('accepts every valid case and refuses every invalid one (the table is not one-sided)', () => {
    const answers = cases.map(([, json]) => acceptMediaMessage(structuredClone(json)) !== undefined);
    expect(answers.filter(Boolean).length).toBe(6);
    expect(answers.filter((answer) => !answer).length).toBe(cases.length - 6);
  });
});
