import { type NextRequest, NextResponse } from 'next/server';
import { getEnv } from './env.ts';
import { checkRequestOrigin } from './server/http/origin.ts';

/**
 * One gate in front of every route handler and server action: state-changing requests from another
 * origin (or `Origin: null`) are refused before any handler runs.
 */
export function proxy(request: NextRequest) {
  const isBearerApi =
    request.nextUrl.pathname.startsWith('/api/v1/') && request.headers.get('authorization') !== null;
  // Google's calendar push notifications are server-to-server posts without an Origin; they prove
  // themselves with the channel token the route checks.
  const isCalendarPush = request.nextUrl.pathname === '/api/calendar/google/push';
  const publicUrl = getEnv().webPublicUrl;
  const verdict = checkRequestOrigin({
    method: request.method,
    origin: request.headers.get('origin'),
    host: request.headers.get('host'),
    secFetchSite: request.headers.get('sec-fetch-site'),
    trustedOrigins: publicUrl === undefined ? [] : [publicUrl],
    allowMissingOrigin: isBearerApi || isCalendarPush,
  });
  if (verdict.ok) return NextResponse.next();
  return NextResponse.json(
    { error: { code: 'forbidden_origin', message: `Refused: ${verdict.reason.replaceAll('_', ' ')}` } },
    { status: 403 },
  );
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
