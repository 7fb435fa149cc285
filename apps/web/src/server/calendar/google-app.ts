import type { CalendarConfig } from '@receptionist/domain';
import type { GoogleOAuthApp } from '@receptionist/google-calendar';

/** The calendar connection's callback: separate from sign-in's `/auth/google/callback`. */
export const CALENDAR_CALLBACK_PATH = '/api/calendar/google/callback';

/**
 * Our Google OAuth client for calendar connections. The redirect URI is the configured public origin,
 * else the origin the request came in on (it must match what the authorization request sent).
 */
export function calendarOAuthApp(config: CalendarConfig, requestOrigin: string): GoogleOAuthApp {
  return {
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    redirectUri: `${config.webPublicUrl ?? requestOrigin}${CALENDAR_CALLBACK_PATH}`,
    endpoints: config.endpoints,
  };
}

/** `state` carries the business id in front of the one-time secret, so the callback knows the tenant. */
export function packState(businessId: string, secret: string): string {
  return `${businessId}.${secret}`;
}

export function unpackState(state: string): { businessId: string; secret: string } | undefined {
  const dot = state.indexOf('.');
  if (dot <= 0 || dot === state.length - 1) return undefined;
  return { businessId: state.slice(0, dot), secret: state.slice(dot + 1) };
}

/**
 * The origin the browser used (its Host header), for redirects and the OAuth redirect URI when no
 * WEB_PUBLIC_URL is set: Next's `request.url` names the bind address's host name, which may differ
 * (localhost vs 127.0.0.1) and would drop the session cookie on the way back.
 */
export function browserOrigin(request: {
  headers: Headers;
  nextUrl: { origin: string; protocol: string };
}): string {
  const host = request.headers.get('host');
  if (host === null) return request.nextUrl.origin;
  const proto = request.headers.get('x-forwarded-proto') ?? request.nextUrl.protocol.replace(/:$/, '');
  return `${proto}://${host}`;
}
