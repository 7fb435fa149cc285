import * as oidc from 'openid-client';
import { z } from 'zod';
import { AuthError } from './errors.ts';

/**
 * Google sign-in: OIDC authorization code flow with PKCE (S256), state and nonce. openid-client checks
 * the ID token's iss, aud, exp and nonce; we check them again from the claims we key the user on and
 * require a verified email. Users are keyed by `sub`, never linked by email.
 */

export interface GoogleOidcConfig {
  clientId: string;
  clientSecret: string;
  issuer: string;
}

/** What must survive the redirect round trip; kept in a sealed, short-lived, HttpOnly cookie. */
export interface PendingGoogleSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
}

export interface GoogleIdentity {
  sub: string;
  email: string;
  name: string | undefined;
}

const configurations = new Map<string, Promise<oidc.Configuration>>();

function discover(config: GoogleOidcConfig): Promise<oidc.Configuration> {
  const key = `${config.issuer}|${config.clientId}`;
  let pending = configurations.get(key);
  if (pending === undefined) {
    const issuerUrl = new URL(config.issuer);
    // Plain http is only ever a local test provider on loopback; real issuers are https.
    const execute = issuerUrl.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
    pending = oidc
      .discovery(issuerUrl, config.clientId, { client_secret: config.clientSecret }, undefined, { execute })
      .catch((error: unknown) => {
        configurations.delete(key);
        throw new AuthError('oidc_discovery_failed', 'Could not reach the sign-in provider', {
          cause: error,
        });
      });
    configurations.set(key, pending);
  }
  return pending;
}

export async function beginGoogleSignIn(
  config: GoogleOidcConfig,
  redirectUri: string,
): Promise<{ authorizationUrl: URL; pending: PendingGoogleSignIn }> {
  const configuration = await discover(config);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const pending: PendingGoogleSignIn = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier,
    redirectUri,
  };
  const authorizationUrl = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
    prompt: 'select_account',
  });
  return { authorizationUrl, pending };
}

const IdTokenClaims = z.object({
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  exp: z.number(),
  sub: z.string().min(1),
  email: z.email(),
  email_verified: z.union([z.boolean(), z.literal('true'), z.literal('false')]).optional(),
  name: z.string().optional(),
});

export async function completeGoogleSignIn(
  config: GoogleOidcConfig,
  pending: PendingGoogleSignIn,
  callbackUrl: URL,
  nowMs = Date.now(),
): Promise<GoogleIdentity> {
  const configuration = await discover(config);
  if (callbackUrl.searchParams.get('state') !== pending.state) {
    throw new AuthError('oidc_state_mismatch', 'The sign-in response does not match this browser');
  }
  // The token endpoint is called with the registered redirect URI, whatever host the callback came in on.
  const currentUrl = new URL(pending.redirectUri);
  currentUrl.search = callbackUrl.search;
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw new AuthError('oidc_exchange_failed', 'The sign-in provider refused the sign-in', { cause: error });
  }
  const parsed = IdTokenClaims.safeParse(tokens.claims());
  if (!parsed.success) {
    throw new AuthError('oidc_claims_invalid', 'The ID token lacks required claims', { cause: parsed.error });
  }
  const claims = parsed.data;
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const expectedIssuer = configuration.serverMetadata().issuer;
  if (claims.iss !== expectedIssuer || !audiences.includes(config.clientId) || claims.exp * 1000 <= nowMs) {
    throw new AuthError('oidc_claims_invalid', 'The ID token is not for this app or has expired');
  }
  if (claims.email_verified !== true && claims.email_verified !== 'true') {
    throw new AuthError('email_not_verified', 'This Google account has no verified email address');
  }
  return { sub: claims.sub, email: claims.email.toLowerCase(), name: claims.name };
}
