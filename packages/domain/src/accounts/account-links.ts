import { createHash, randomBytes } from 'node:crypto';
import {
  type AccountTokenPurpose,
  type AccountTokenRow,
  type Executor,
  findAccountTokenByHash,
  insertAccountToken,
  useAccountToken,
} from '@receptionist/db';
import { DomainError } from '../errors.ts';

/** How long an emailed link works: a day to verify an address, a week to accept an invitation. */
export const LINK_TTL_MS: Record<AccountTokenPurpose, number> = {
  verify_email: 24 * 60 * 60_000,
  staff_invite: 7 * 24 * 60 * 60_000,
};

/** 256 random bits, base64url: unguessable; only its SHA-256 is stored. */
export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function issueLink(
  tx: Executor,
  input: Omit<Parameters<typeof insertAccountToken>[1], 'tokenHash' | 'expiresAt'> & { nowMs: number },
): Promise<{ token: string; row: AccountTokenRow }> {
  const { token, tokenHash } = newLinkToken();
  const row = await insertAccountToken(tx, {
    ...input,
    tokenHash,
    expiresAt: input.nowMs + LINK_TTL_MS[input.purpose],
  });
  return { token, row };
}

/**
 * Uses a link exactly once: unknown, expired and already-used links are one indistinguishable refusal.
 * Call inside the transaction that acts on it, so the use and its effect commit together.
 */
export async function useLink(
  tx: Executor,
  purpose: AccountTokenPurpose,
  token: string,
  nowMs: number,
): Promise<AccountTokenRow> {
  const row = await findAccountTokenByHash(tx, purpose, hashLinkToken(token));
  if (
    row === undefined ||
    row.usedAt !== null ||
    row.expiresAt <= nowMs ||
    !(await useAccountToken(tx, row.id, nowMs))
  ) {
    throw new DomainError('link_invalid', 'This link is not valid any more; ask for a new one');
  }
  return row;
}
