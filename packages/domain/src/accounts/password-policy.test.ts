import { createUser } from '@receptionist/db';
import { createTestDatabase } from '@receptionist/db/testing';
import { describe, expect, it } from 'vitest';
import { authenticateLocalUser } from './authenticate-local-user.ts';
import { needsRehash, verifyPassword } from './password.ts';
import { passwordProblem } from './password-policy.ts';

describe('password policy (OWASP ASVS 2.1)', () => {
  it('needs at least 12 characters, counted in code points', () => {
    expect(passwordProblem('tiger lily 7')).toBeUndefined();
    expect(passwordProblem('tigerlily77')).toMatch(/at least 12/);
    // 12 emoji are 12 characters, not 24 UTF-16 units.
    expect(passwordProblem('🦊🐻🐼🐨🦁🐯🐮🐷🐸🐵🐔🐧')).toBeUndefined();
    expect(passwordProblem('🦊🐻🐼🐨🦁🐯🐮🐷🐸🐵🐔')).toMatch(/at least 12/);
  });

  it('allows at least 64 characters, spaces included', () => {
    expect(passwordProblem('correct horse battery staple '.repeat(4).slice(0, 100))).toBeUndefined();
  });

  it('refuses common and breached passwords, also with digits stuck on the end', () => {
    expect(passwordProblem('qwerty123456')).toMatch(/common or breached/);
    expect(passwordProblem('1qaz2wsx3edc')).toMatch(/common or breached/);
    expect(passwordProblem('Password2024!')).toMatch(/common or breached/);
    expect(passwordProblem('aaaaaaaaaaaaaaa')).toMatch(/repetitive/);
  });
});

describe('scrypt parameters (OWASP: N=2^17, r=8, p=1)', () => {
  it('rehashes an old N=2^14 hash transparently on a successful sign-in', async () => {
    const database = await createTestDatabase();
    try {
      // The hash format main wrote before this change (N=16384), for the password "old but gold 42".
      const oldHash = await legacyHash('old but gold 42');
      const user = await createUser(database.db, { email: 'old@example.com', passwordHash: oldHash });
      expect(needsRehash(oldHash)).toBe(true);
      const signedIn = await authenticateLocalUser({
        ctx: { db: database.db },
        input: { email: 'old@example.com', password: 'old but gold 42' },
      });
      expect(signedIn.id).toBe(user.id);
      expect(signedIn.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
      expect(needsRehash(signedIn.passwordHash ?? '')).toBe(false);
      expect(await verifyPassword('old but gold 42', signedIn.passwordHash ?? '')).toBe(true);
      await expect(
        authenticateLocalUser({
          ctx: { db: database.db },
          input: { email: 'old@example.com', password: 'wrong' },
        }),
      ).rejects.toMatchObject({ code: 'invalid_credentials' });
    } finally {
      await database.cleanup();
    }
  });
});

async function legacyHash(password: string): Promise<string> {
  const { randomBytes, scryptSync } = await import('node:crypto');
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, 64, { N: 16_384, r: 8, p: 1 });
  return ['scrypt', 16_384, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}
