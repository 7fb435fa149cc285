'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { authenticateLocalUser, bumpSessionVersion, registerLocalUser } from '../../server/auth/accounts.ts';
import { getCurrentUser } from '../../server/auth/current-user.ts';
import { AuthError } from '../../server/auth/errors.ts';
import { endSession, startSession } from '../../server/auth/session.ts';
import { getDb } from '../../server/db.ts';
import { accountEmailsEnabled } from '../../server/email/account-emails.ts';
import { sendVerificationEmail } from '../../server/email/verification.ts';
import { assertSameOriginAction } from '../../server/http/action-guard.ts';
import { log } from '../../server/log.ts';
import { clientIp, isRateLimited, type LimitKeys, rateLimits } from '../../server/rate-limit/limiter.ts';
import type { LimitedAction } from '../../server/rate-limit/policy.ts';

export interface SignInFormState {
  error?: string;
}

const Credentials = z.object({
  email: z.email('Enter a valid email address'),
  password: z.string().min(1, 'Enter your password').max(512),
  name: z.string().max(100).optional(),
});

function parseCredentials(formData: FormData) {
  return Credentials.safeParse({
    email: formData.get('email'),
    password: formData.get('password'),
    name: formData.get('name') ?? undefined,
  });
}

async function requestIp(): Promise<string> {
  return clientIp(await headers());
}

/** A server action cannot answer 429, so the form says how long to wait; the log says which limit. */
async function refuseWhenLimited(
  action: LimitedAction,
  keys: LimitKeys,
): Promise<SignInFormState | undefined> {
  try {
    await rateLimits().consume(action, keys);
    return undefined;
  } catch (error) {
    if (!isRateLimited(error)) throw error;
    log.warn({ action, scope: error.scope }, 'rate limited');
    return { error: `Too many attempts; try again in ${Math.ceil(error.retryAfterMs / 60_000)} min` };
  }
}

export async function signInAction(_previous: SignInFormState, formData: FormData): Promise<SignInFormState> {
  await assertSameOriginAction();
  const input = parseCredentials(formData);
  if (!input.success) return { error: input.error.issues[0]?.message ?? 'Check the form' };
  // Counted before the password is checked: per address, per account being guessed, and globally.
  const limited = await refuseWhenLimited('sign_in', {
    ip: await requestIp(),
    account: input.data.email.toLowerCase(),
  });
  if (limited) return limited;
  try {
    const user = await authenticateLocalUser(await getDb(), input.data.email, input.data.password);
    await startSession(user);
    log.info({ userId: user.id }, 'signed in with password');
  } catch (error) {
    if (error instanceof AuthError) return { error: error.message };
    throw error;
  }
  redirect('/');
}

export async function registerAction(
  _previous: SignInFormState,
  formData: FormData,
): Promise<SignInFormState> {
  await assertSameOriginAction();
  const input = parseCredentials(formData);
  if (!input.success) return { error: input.error.issues[0]?.message ?? 'Check the form' };
  const limited = await refuseWhenLimited('sign_up', { ip: await requestIp() });
  if (limited) return limited;
  const verify = accountEmailsEnabled();
  try {
    const db = await getDb();
    const user = await registerLocalUser(db, { ...input.data, requireVerification: verify });
    await startSession(user);
    log.info({ userId: user.id }, 'registered a local account');
    if (verify) await sendVerificationEmail(db, user.id);
  } catch (error) {
    if (error instanceof AuthError) return { error: error.message };
    throw error;
  }
  redirect('/');
}

/**
 * Signing out invalidates the session on the server, not just the cookie in this browser: the cookie is
 * stateless, so a copy of it (another tab, a stolen one) would otherwise stay valid until it expires. The
 * per-user session version moves on, which also signs this user out on their other devices — a deliberate
 * trade: no session table read on every request.
 */
export async function signOutAction(): Promise<void> {
  await assertSameOriginAction();
  const user = await getCurrentUser();
  if (user !== null) {
    await bumpSessionVersion(await getDb(), user.id);
    log.info({ userId: user.id }, 'signed out');
  }
  await endSession();
  redirect('/sign-in');
}

/** Bumps the session version: every cookie this user holds, on every device, stops working now. */
export async function signOutEverywhereAction(): Promise<void> {
  await assertSameOriginAction();
  const user = await getCurrentUser();
  if (user !== null) {
    await bumpSessionVersion(await getDb(), user.id);
    log.info({ userId: user.id }, 'signed out everywhere');
  }
  await endSession();
  redirect('/sign-in');
}
