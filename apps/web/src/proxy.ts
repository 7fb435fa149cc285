import { type NextRequest, NextResponse } from 'next/server';
import { getEnv } from './env.ts';
import { checkRequestOrigin, siteScheme } from './server/http/origin.ts';
import { securityHeaders } from './server/http/security-headers.ts';
import { hasDecodablePath } from './server/http/url-escapes.ts';

/**
 * One gate in front of every route handler and server action: state-changing requests from another
 * origin (or `Origin: null`) are refused before any handler runs, and every response gets the security
 * headers (CSP with frame-ancestors, nosniff, HSTS over https).
 */
export function proxy(request: NextRequest) {
  const isBearerApi =
    request.nextUrl.pathname.startsWith('/api/v1/') && request.headers.get('authorization') !== null;
  // Google's calendar push notifications are server-to-server posts without an Origin; they prove
  // themselves with the channel token the route checks.
  const isCalendarPush = request.nextUrl.pathname === '/api/calendar/google/push';
  // Server-to-server webhooks (Polar) carry no Origin; their handlers authenticate them by signature.
  const isSignedWebhook = request.nextUrl.pathname.startsWith('/api/webhooks/');
  const env = getEnv();
  const publicUrl = env.webPublicUrl;
  const scheme = siteScheme(publicUrl, request.nextUrl.protocol);
  const headers = securityHeaders({
    voiceUrl: env.voiceUrl,
    https: scheme === 'https',
    development: env.nodeEnv === 'development',
  });
  if (!hasDecodablePath(request.nextUrl.pathname)) {
    const refused = NextResponse.json(
      { error: { code: 'invalid_request', message: 'The URL has a malformed % escape' } },
      { status: 400 },
    );
    for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
    return refused;
  }
  const verdict = checkRequestOrigin({
    method: request.method,
    origin: request.headers.get('origin'),
    host: request.headers.get('host'),
    scheme,
    secFetchSite: request.headers.get('sec-fetch-site'),
    trustedOrigins: publicUrl === undefined ? [] : [publicUrl],
    allowMissingOrigin: isBearerApi || isSignedWebhook || isCalendarPush,
  });
  const response = verdict.ok
    ? NextResponse.next()
    : NextResponse.json(
        { error: { code: 'forbidden_origin', message: `Refused: ${verdict.reason.replaceAll('_', ' ')}` } },
        { status: 403 },
      );
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
