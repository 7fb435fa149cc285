import { ProtocolViolationError } from './errors.ts';

/**
 * Strict base64 (RFC 4648 §4, padded). Node's `Buffer.from(s, 'base64')` silently skips characters outside
 * the alphabet and stops at the first `=`, so a corrupted frame would decode to garbage audio instead of
 * being refused (nodejs/node#8569). We check the alphabet, padding and length first.
 */
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isStrictBase64(text: string): boolean {
  return STRICT_BASE64.test(text);
}

/** Decodes strict base64, refusing anything else; `maxBytes` bounds the decoded size before decoding. */
export function decodeStrictBase64(text: string, maxBytes = Number.POSITIVE_INFINITY): Uint8Array {
  if (!isStrictBase64(text)) {
    throw new ProtocolViolationError('invalid_base64', 'payload is not strict base64');
  }
  if ((text.length / 4) * 3 > maxBytes + 2) {
    throw new ProtocolViolationError('frame_too_large', `payload decodes to more than ${maxBytes} bytes`);
  }
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
