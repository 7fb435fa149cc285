import { describe, expect, it } from 'vitest';
import { decodeStrictBase64, encodeBase64, isStrictBase64 } from './base64.ts';
import { ProtocolViolationError } from './errors.ts';

describe('strict base64', () => {
  it('round-trips every length of bytes', () => {
    for (let length = 0; length < 20; length += 1) {
      const bytes = Uint8Array.from({ length }, (_, index) => (index * 37 + 11) % 256);
      expect(Array.from(decodeStrictBase64(encodeBase64(bytes)))).toEqual(Array.from(bytes));
    }
  });

  it.each([
    ['a character outside the alphabet', 'AAA*'],
    ['whitespace Node would skip', 'AA AA'],
    ['missing padding', 'AAA'],
    ['padding in the middle', 'AA==AAAA'],
    ['url-safe alphabet', 'AA-_'],
    ['a newline', 'AAAA\n'],
  ])('refuses %s', (_label, text) => {
    expect(isStrictBase64(text)).toBe(false);
    expect(() => decodeStrictBase64(text)).toThrow(ProtocolViolationError);
  });

  it('refuses a payload that would decode past the size bound', () => {
    const text = encodeBase64(new Uint8Array(400));
    expect(() => decodeStrictBase64(text, 160)).toThrowError(/more than 160 bytes/);
    expect(decodeStrictBase64(text, 400).byteLength).toBe(400);
  });
});
