import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GoogleEndpoints } from '../oauth.ts';
import { FakeCalendarStore, type FakeEvent } from './fake-calendar-store.ts';

/**
 * A loopback stand-in for Google's OAuth 2.0 server (authorize, token, revoke) and the Calendar v3 REST
 * API (calendarList, freeBusy, events list/get/insert/patch/delete/watch, channels.stop), built from
 * Google's published references: error bodies and status codes are Google's (401 UNAUTHENTICATED for an
 * expired access token, 410 `fullSyncRequired` for a stale sync token, 403 `rateLimitExceeded`,
 * `invalid_grant` for a revoked refresh token, 409 for a duplicate event id).
 */
export interface FakeGoogleCalendar {
  endpoints: GoogleEndpoints;
  clientId: string;
  clientSecret: string;
  store: FakeCalendarStore;
  /** Every API request, in order (`GET /calendar/v3/...`). */
  requests: string[];
  /** Every token-endpoint grant served (`authorization_code`, `refresh_token`). */
  grants: string[];
  /** Makes every access token issued so far expired (the next API call gets 401). */
  expireAccessTokens(): void;
  /** Makes every sync token issued so far stale (the next incremental list gets 410). */
  invalidateSyncTokens(): void;
  /** The next `count` API calls answer 403 rateLimitExceeded. */
  rateLimitNext(count: number): void;
  /** Revokes every refresh token (the next refresh gets invalid_grant). */
  revokeAll(): void;
  close(): Promise<void>;
}

interface Grant {
  refreshToken: string;
  revoked: boolean;
}

export async function startFakeGoogleCalendar(
  options: { clientId?: string; clientSecret?: string; accountEmail?: string } = {},
): Promise<FakeGoogleCalendar> {
  const clientId = options.clientId ?? 'fake-client.apps.googleusercontent.com';
  const clientSecret = options.clientSecret ?? 'fake-secret';
  const store = new FakeCalendarStore(options.accountEmail ?? 'owner@example.com');
  const codes = new Map<string, { challenge: string; redirectUri: string; scope: string }>();
  const grants = new Map<string, Grant>();
  const accessTokens = new Map<string, { grant: Grant; expired: boolean }>();
  const requests: string[] = [];
  const grantLog: string[] = [];
  let rateLimited = 0;

  function issueAccess(grant: Grant) {
    const token = `ya29.${randomUUID()}`;
    accessTokens.set(token, { grant, expired: false });
    return token;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = await readBody(req);
    if (url.pathname === '/o/oauth2/v2/auth') return authorize(url, res);
    if (url.pathname === '/token' && req.method === 'POST') return token(new URLSearchParams(body), res);
    if (url.pathname === '/revoke' && req.method === 'POST') {
      const value = url.searchParams.get('token') ?? new URLSearchParams(body).get('token') ?? '';
      const grant = grants.get(value) ?? accessTokens.get(value)?.grant;
      if (grant === undefined)
        return json(res, 400, { error: 'invalid_token', error_description: 'Token expired or revoked' });
      grant.revoked = true;
      return json(res, 200, {});
    }
    if (!url.pathname.startsWith('/calendar/v3/'))
      return json(res, 404, googleError(404, 'Not Found', 'notFound'));
    requests.push(`${req.method} ${url.pathname}`);
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const access = accessTokens.get(bearer);
    if (access === undefined || access.expired || access.grant.revoked) {
      return json(res, 401, {
        error: {
          code: 401,
          message: 'Request had invalid authentication credentials.',
          status: 'UNAUTHENTICATED',
          errors: [
            {
              domain: 'global',
              reason: 'authError',
              message: 'Invalid Credentials',
              location: 'Authorization',
            },
          ],
        },
      });
    }
    if (rateLimited > 0) {
      rateLimited--;
      return json(res, 403, googleError(403, 'Rate Limit Exceeded', 'rateLimitExceeded', 'usageLimits'));
    }
    const answer = store.handle(req.method ?? 'GET', url, body === '' ? undefined : JSON.parse(body));
    if (answer.status === 204) {
      res.writeHead(204).end();
      return;
    }
    return json(res, answer.status, answer.body);
  }

  function authorize(url: URL, res: ServerResponse) {
    // Consent is granted at once: a test drives the browser (or fetch) through this redirect.
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    if (
      url.searchParams.get('client_id') !== clientId ||
      url.searchParams.get('code_challenge_method') !== 'S256'
    ) {
      return json(res, 400, { error: 'invalid_request' });
    }
    const code = `4/${randomUUID()}`;
    codes.set(code, {
      challenge: url.searchParams.get('code_challenge') ?? '',
      redirectUri,
      scope: url.searchParams.get('scope') ?? '',
    });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    back.searchParams.set('scope', url.searchParams.get('scope') ?? '');
    res.writeHead(302, { location: back.toString() }).end();
  }

  function token(form: URLSearchParams, res: ServerResponse) {
    if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
      return json(res, 401, {
        error: 'invalid_client',
        error_description: 'The OAuth client was not found.',
      });
    }
    const grantType = form.get('grant_type') ?? '';
    grantLog.push(grantType);
    if (grantType === 'authorization_code') {
      const code = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (
        code === undefined ||
        code.challenge !== challenge ||
        code.redirectUri !== form.get('redirect_uri')
      ) {
        return json(res, 400, { error: 'invalid_grant', error_description: 'Bad Request' });
      }
      const grant: Grant = { refreshToken: `1//${randomUUID()}`, revoked: false };
      grants.set(grant.refreshToken, grant);
      return json(res, 200, {
        access_token: issueAccess(grant),
        expires_in: 3599,
        refresh_token: grant.refreshToken,
        scope: code.scope,
        token_type: 'Bearer',
      });
    }
    if (grantType === 'refresh_token') {
      const grant = grants.get(form.get('refresh_token') ?? '');
      if (grant === undefined || grant.revoked) {
        return json(res, 400, {
          error: 'invalid_grant',
          error_description: 'Token has been expired or revoked.',
        });
      }
      return json(res, 200, {
        access_token: issueAccess(grant),
        expires_in: 3599,
        scope: '',
        token_type: 'Bearer',
      });
    }
    return json(res, 400, { error: 'unsupported_grant_type' });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      json(res, 500, googleError(500, String(error), 'backendError')),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoints: {
      apiRootUrl: `${base}/`,
      authUrl: `${base}/o/oauth2/v2/auth`,
      tokenUrl: `${base}/token`,
      revokeUrl: `${base}/revoke`,
    },
    clientId,
    clientSecret,
    store,
    requests,
    grants: grantLog,
    expireAccessTokens() {
      for (const entry of accessTokens.values()) entry.expired = true;
    },
    invalidateSyncTokens() {
      store.invalidateSyncTokens();
    },
    rateLimitNext(count) {
      rateLimited = count;
    },
    revokeAll() {
      for (const grant of grants.values()) grant.revoked = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type { FakeEvent };

export function googleError(code: number, message: string, reason: string, domain = 'global') {
  return { error: { code, message, errors: [{ domain, reason, message }] } };
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
