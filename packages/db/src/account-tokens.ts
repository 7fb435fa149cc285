import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from './client.ts';
import { type AccountTokenPurpose, type AccountTokenRow, accountTokens, users } from './schema/index.ts';

// Account tokens are not tenant-owned (a verification link has no business), so these take no business id.

export async function insertAccountToken(
  ex: Executor,
  input: {
    purpose: AccountTokenPurpose;
    tokenHash: string;
    email: string;
    userId?: string | undefined;
    businessId?: string | undefined;
    invitedBy?: string | undefined;
    expiresAt: number;
  },
): Promise<AccountTokenRow> {
  const [row] = await ex
    .insert(accountTokens)
    .values({
      purpose: input.purpose,
      tokenHash: input.tokenHash,
      email: input.email.trim().toLowerCase(),
      userId: input.userId ?? null,
      businessId: input.businessId ?? null,
      invitedBy: input.invitedBy ?? null,
      expiresAt: input.expiresAt,
    })
    .returning();
  return row!;
}

export async function findAccountTokenByHash(
  ex: Executor,
  purpose: AccountTokenPurpose,
  tokenHash: string,
): Promise<AccountTokenRow | undefined> {
  const [row] = await ex
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose)))
    .limit(1);
  return row;
}

/** Marks the token used; false when another request used it first (single use under races). */
export async function useAccountToken(ex: Executor, tokenId: string, usedAt: number): Promise<boolean> {
  const used = await ex
    .update(accountTokens)
    .set({ usedAt })
    .where(and(eq(accountTokens.id, tokenId), isNull(accountTokens.usedAt)))
    .returning({ id: accountTokens.id });
  return used.length === 1;
}

export async function markEmailVerified(ex: Executor, userId: string, atMs: number): Promise<void> {
  await ex
    .update(users)
    .set({ emailVerifiedAt: atMs })
    .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
}
