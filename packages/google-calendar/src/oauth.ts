import { createHash, randomBytes } from 'node:crypto';
import { OAuth2Client } from 'google-auth-library';
import { toGoogleCalendarError } from './errors.ts';

/** What the calendar connection asks for: events (create/move/delete ours) and free/busy (availability). */
export const CALENDAR_SCOPES = [
  'https://www.googleapis.com/auth/calendar.events',
  'https://www.googleapis.com/auth/calendar.freebusy',
  // calendarList (read-only) so the owner can pick which calendars block availability.
  'https://www.googleapis.com/auth/calendar.calendarlist.readonly',
] as const;

/** Where Google lives; tests point every URL at a loopback fake. */
export interface GoogleEndpoints {
  /** `https://www.googleapis.com/` */
  apiRootUrl: string;
  /** `https://accounts.google.com/o/oauth2/v2/auth` */
  authUrl: string;
  /** `https://oauth2.googleapis.com/token` */
  tokenUrl: string;
  /** `https://oauth2.googleapis.com/revoke` */
  revokeUrl: string;
}

export const GOOGLE_ENDPOINTS: GoogleEndpoints = {
  apiRootUrl: 'https://www.googleapis.com/',
  authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revokeUrl: 'https://oauth2.googleapis.com/revoke',
};

/** Our OAuth client registration at Google. */
export interface GoogleOAuthApp {
  clientId: string;
  clientSecret: string;
  /** The calendar connection's callback (not the sign-in one). */
  redirectUri: string;
  endpoints: GoogleEndpoints;
}

/** Tokens as we keep them (encrypted at rest by the domain). */
export interface GoogleTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAtMs: number;
  scope: string;
}

export function oauthClient(app: GoogleOAuthApp): OAuth2Client {
  return new OAuth2Client({
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri: app.redirectUri,
    // A 401 refreshes the access token and retries once even before its expiry date (revoked early,
    // clock skew); without this the library only refreshes tokens it believes expired.
    forceRefreshOnFailure: true,
    endpoints: {
      oauth2AuthBaseUrl: app.endpoints.authUrl,
      oauth2TokenUrl: app.endpoints.tokenUrl,
      oauth2RevokeUrl: app.endpoints.revokeUrl,
    },
  });
}

/** A PKCE verifier (RFC 7636: 43–128 unreserved characters) and its S256 challenge. */
export function createPkcePair(): { codeVerifier: string; codeChallenge: string } {
  const codeVerifier = randomBytes(48).toString('base64url');
  return { codeVerifier, codeChallenge: pkceChallenge(codeVerifier) };
}

export function pkceChallenge(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier).digest('base64url');
}

/**
 * Where to send the owner to grant calendar access: offline access (a refresh token) and `consent`
 * so a reconnect always gets a new refresh token.
 */
export function authorizationUrl(
  app: GoogleOAuthApp,
  input: { state: string; codeChallenge: string; loginHint?: string | undefined },
): string {
  const url = new URL(app.endpoints.authUrl);
  url.search = new URLSearchParams({
    client_id: app.clientId,
    redirect_uri: app.redirectUri,
    response_type: 'code',
    scope: CALENDAR_SCOPES.join(' '),
    access_type: 'offline',
    prompt: 'consent',
    include_granted_scopes: 'false',
    state: input.state,
    code_challenge: input.codeChallenge,
    code_challenge_method: 'S256',
    ...(input.loginHint ? { login_hint: input.loginHint } : {}),
  }).toString();
  return url.toString();
}

/** Trades the authorization code (with its PKCE verifier) for tokens. */
export async function exchangeCode(
  app: GoogleOAuthApp,
  input: { code: string; codeVerifier: string; nowMs: number },
): Promise<GoogleTokens> {
  try {
    const { tokens } = await oauthClient(app).getToken({
      code: input.code,
      codeVerifier: input.codeVerifier,
      redirect_uri: app.redirectUri,
    });
    if (!tokens.access_token || !tokens.refresh_token) {
      throw new Error('Google returned no refresh token (offline access was not granted)');
    }
    return {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAtMs: tokens.expiry_date ?? input.nowMs + 3_600_000,
      scope: tokens.scope ?? '',
    };
  } catch (error) {
    throw toGoogleCalendarError(error);
  }
}

/** Revokes a grant at Google (disconnect). A token Google no longer knows counts as revoked. */
export async function revokeGrant(app: GoogleOAuthApp, token: string): Promise<void> {
  try {
    await oauthClient(app).revokeToken(token);
  } catch (error) {
    const mapped = toGoogleCalendarError(error);
    if (mapped.status === 400) return; // invalid_token: already revoked
    throw mapped;
  }
}
