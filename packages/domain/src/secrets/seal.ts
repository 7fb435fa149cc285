import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DomainError } from '../errors.ts';

/**
 * Secrets the business gives us (its Twilio auth token) are stored sealed: AES-256-GCM under a 32-byte
 * key from the environment, a fresh 12-byte nonce each time, `v1.<nonce>.<tag>.<ciphertext>` in base64url.
 * A database copy alone reveals nothing; a changed or swapped value fails to open instead of decrypting
 * to garbage.
 */
const VERSION = 'v1';

export type SecretsKey = Buffer;

/** A key from its base64 form (32 bytes), as `CREDENTIALS_KEY` holds it. */
export function parseSecretsKey(base64: string): SecretsKey {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('the credentials key must be 32 bytes, base64-encoded');
  return key;
}

export function sealSecret(key: SecretsKey, plaintext: string, context: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  // The owning row's id is bound in, so a sealed value copied to another business does not open there.
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, nonce, cipher.getAuthTag(), sealed]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export function openSecret(key: SecretsKey, sealed: string, context: string): string {
  const [version, nonce, tag, body] = sealed.split('.');
  if (version !== VERSION || nonce === undefined || tag === undefined || body === undefined) {
    throw new DomainError(
      'twilio_credentials_missing',
      'The stored credentials cannot be read; save them again',
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch (error) {
    throw new DomainError(
      'twilio_credentials_missing',
      'The stored credentials cannot be read (was the credentials key changed?); save them again',
      { cause: error },
    );
  }
}
