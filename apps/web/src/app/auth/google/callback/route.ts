import { type NextRequest, NextResponse } from 'next/server';
import { z } from 'zod';
import { getEnv } from '../../../../env.ts';
import { upsertGoogleUser } from '../../../../server/auth/accounts.ts';
import { AuthError } from '../../../../server/auth/errors.ts';
import { completeGoogleSignIn } from '../../../../server/auth/google.ts';
import { startSession, takePendingSignIn } from '../../../../server/auth/session.ts';
import { getDb } from '../../../../server/db.ts';
import { log } from '../../../../server/log.ts';

export const dynamic = 'force-dynamic';

const PendingSignIn = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(43),
  redirectUri: z.url(),
});

function failed(request: NextRequest, code: string) {
  return NextResponse.redirect(new URL(`/sign-in?error=${code}`, request.url));
}

export async function GET(request: NextRequest) {
  const google = getEnv().google;
  if (google === undefined) return failed(request, 'google');
  const pending = PendingSignIn.safeParse(await takePendingSignIn().catch(() => undefined));
  if (!pending.success) {
    log.warn('Google callback without a pending sign-in in this browser');
    return failed(request, 'google');
  }
  try {
    const identity = await completeGoogleSignIn(google, pending.data, request.nextUrl);
    const user = await upsertGoogleUser(await getDb(), identity);
    await startSession(user);
    log.info({ userId: user.id }, 'signed in with Google');
  } catch (error) {
    if (error instanceof AuthError) {
      log.warn({ code: error.code, err: error }, 'Google sign-in refused');
      return failed(
        request,
        error.code === 'email_taken' || error.code === 'email_not_verified' ? error.code : 'google',
      );
    }
    throw error;
  }
  return NextResponse.redirect(new URL('/', request.url));
}
