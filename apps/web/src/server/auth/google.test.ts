import { OAuth2Server } from 'oauth2-mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from './errors.ts';
import { beginGoogleSignIn, completeGoogleSignIn, type GoogleOidcConfig } from './google.ts';

// A real OIDC provider on loopback stands in for Google: discovery, authorize, token endpoint, JWKS.
const server = new OAuth2Server();
let config: GoogleOidcConfig;
const redirectUri = 'http://127.0.0.1:3999/auth/google/callback';

type Claims = Record<string, unknown>;
// Applied to every token the provider signs (access token and ID token) until the next test sets its own.
let tokenClaims: Claims = {};
function nextTokenClaims(claims: Claims) {
  tokenClaims = claims;
}

/** Follows the authorize URL like a browser would and returns the callback URL the provider sent back. */
async function authorize(url: URL): Promise<URL> {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (location === null) throw new Error(`authorize answered ${response.status} without a redirect`);
  return new URL(location);
}

beforeAll(async () => {
  await server.issuer.keys.generate('RS256');
  server.service.on('beforeTokenSigning', (token) => {
    Object.assign(token.payload, tokenClaims);
  });
  await server.start(0, '127.0.0.1');
  config = { clientId: 'web-client', clientSecret: 'web-secret', issuer: server.issuer.url ?? '' };
});

afterAll(async () => {
  await server.stop();
});

const goodClaims: Claims = {
  sub: 'google-sub-1',
  email: 'Owner@Example.com',
  email_verified: true,
  name: 'Olive Owner',
  aud: 'web-client',
};

async function expectAuthError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  expect((error as AuthError).code).toBe(code);
}

describe('Google OIDC sign-in against a local provider', () => {
  it('sends PKCE, state and nonce, then returns the verified identity keyed by sub', async () => {
    const { authorizationUrl, pending } = await beginGoogleSignIn(config, redirectUri);
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.get('state')).toBe(pending.state);
    expect(authorizationUrl.searchParams.get('nonce')).toBe(pending.nonce);
    expect(authorizationUrl.searchParams.get('redirect_uri')).toBe(redirectUri);
    nextTokenClaims({ ...goodClaims, nonce: pending.nonce });
    const identity = await completeGoogleSignIn(config, pending, await authorize(authorizationUrl));
    expect(identity).toEqual({ sub: 'google-sub-1', email: 'owner@example.com', name: 'Olive Owner' });
  });

  it('refuses a callback whose state is not the one this browser started with', async () => {
    const { authorizationUrl, pending } = await beginGoogleSignIn(config, redirectUri);
    const callback = await authorize(authorizationUrl);
    callback.searchParams.set('state', 'forged');
    await expectAuthError(completeGoogleSignIn(config, pending, callback), 'oidc_state_mismatch');
  });

  it('refuses an unverified email', async () => {
    const { authorizationUrl, pending } = await beginGoogleSignIn(config, redirectUri);
    nextTokenClaims({ ...goodClaims, nonce: pending.nonce, email_verified: false });
    await expectAuthError(
      completeGoogleSignIn(config, pending, await authorize(authorizationUrl)),
      'email_not_verified',
    );
  });

  it('refuses an ID token minted for another client, an expired one, and a wrong nonce', async () => {
    for (const claims of [
      { aud: 'someone-else' },
      { exp: Math.floor(Date.now() / 1000) - 3600 },
      { nonce: 'replayed-nonce' },
    ]) {
      const { authorizationUrl, pending } = await beginGoogleSignIn(config, redirectUri);
      nextTokenClaims({ ...goodClaims, nonce: pending.nonce, ...claims });
      const error = await completeGoogleSignIn(config, pending, await authorize(authorizationUrl)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AuthError);
      expect(['oidc_exchange_failed', 'oidc_claims_invalid']).toContain((error as AuthError).code);
    }
  });

  it('refuses a wrong PKCE verifier at the token endpoint', async () => {
    const { authorizationUrl, pending } = await beginGoogleSignIn(config, redirectUri);
    nextTokenClaims({ ...goodClaims, nonce: pending.nonce });
    const callback = await authorize(authorizationUrl);
    await expectAuthError(
      completeGoogleSignIn(config, { ...pending, codeVerifier: 'x'.repeat(64) }, callback),
      'oidc_exchange_failed',
    );
  });
});
