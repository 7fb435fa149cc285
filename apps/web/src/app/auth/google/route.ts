import { type NextRequest, NextResponse } from 'next/server';
import { getEnv } from '../../../env.ts';
import { beginGoogleSignIn } from '../../../server/auth/google.ts';
import { storePendingSignIn } from '../../../server/auth/session.ts';
import { log } from '../../../server/log.ts';

export const dynamic = 'force-dynamic';

/** The registered redirect URI: the configured public origin, else the origin this request came in on. */
function googleRedirectUri(request: NextRequest): string {
  return `${getEnv().webPublicUrl ?? request.nextUrl.origin}/auth/google/callback`;
}

export async function GET(request: NextRequest) {
  const google = getEnv().google;
  if (google === undefined) return NextResponse.redirect(new URL('/sign-in', request.url));
  try {
    const { authorizationUrl, pending } = await beginGoogleSignIn(google, googleRedirectUri(request));
    await storePendingSignIn(pending);
    return NextResponse.redirect(authorizationUrl);
  } catch (error) {
    log.warn({ err: error }, 'could not start Google sign-in');
    return NextResponse.redirect(new URL('/sign-in?error=google', request.url));
  }
}
