import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseControlMessage } from './control-message.ts';

const protocol = {
  nameField: 'type' as const,
  named: z.object({ type: z.string() }),
  known: new Set(['ping', 'say']),
  schema: z.discriminatedUnion('type', [
    z.object({ type: z.literal('ping') }),
    z.object({ type: z.literal('say'), text: z.string().min(1) }),
  ]),
  noun: 'control message',
  nameNoun: 'type',
};

describe('parseControlMessage', () => {
  it('returns a known, valid message as parsed by its schema', () => {
    expect(parseControlMessage('{"type":"say","text":"hi","extra":1}', protocol)).toEqual({
      kind: 'message',
      message: { type: 'say', text: 'hi' },
    });
  });

  it('keeps an unknown name for the log instead of refusing it', () => {
    expect(parseControlMessage('{"type":"future","x":1}', protocol)).toEqual({
      kind: 'unknown',
      name: 'future',
    });
  });

  it.each([
    ['not JSON', '{nope', 'invalid_json', 'control message is not JSON'],
    ['no name', '{"text":"hi"}', 'invalid_message', 'control message has no type'],
    ['a bad known message', '{"type":"say","text":""}', 'invalid_message', 'invalid say message: '],
  ])('refuses %s with close code 1007', (_label, text, code, message) => {
    const parsed = parseControlMessage(text, protocol);
    expect(parsed.kind).toBe('violation');
    if (parsed.kind !== 'violation') return;
    expect(parsed.closeCode).toBe(1007);
    expect(parsed.error.code).toBe(code);
    expect(parsed.error.message.startsWith(message)).toBe(true);
  });
});
