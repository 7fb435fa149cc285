import { getIronSession, type IronSession, type SessionOptions, sealData, unsealData } from 'iron-session';
import { cookies, headers } from 'next/headers';
import { getEnv } from '../../env.ts';

/**
 * Stateless iron-session cookies carrying only the user id and the user's session version. Bumping the
 * version in the database ("sign out everywhere") invalidates every cookie issued before at once.
 */
export interface SessionData {
  userId?: string;
  sessionVersion?: number;
}

/** A dashboard session lasts a working day; sign in again after that. */
export const SESSION_TTL_SECONDS = 24 * 60 * 60;
export const SESSION_COOKIE = 'receptionist_session';
const OIDC_COOKIE = 'receptionist_oidc';
const OIDC_TTL_SECONDS = 10 * 60;

/** Loopback hosts are a secure context in browsers but served over plain http by `npm start`. */
export function isLoopbackHost(host: string | null): boolean {
  if (host === null) return false;
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '127.0.0.1' || name === '::1';
}

/** Secure cookies in production, except on loopback where `npm start` serves plain http. */
export function shouldUseSecureCookies(nodeEnv: string, host: string | null, forwardedProto: string | null) {
  if (forwardedProto === 'https') return true;
  return nodeEnv === 'production' && !isLoopbackHost(host);
}

async function cookieSecurity(): Promise<boolean> {
  const requestHeaders = await headers();
  return shouldUseSecureCookies(
    getEnv().nodeEnv,
    requestHeaders.get('host'),
    requestHeaders.get('x-forwarded-proto'),
  );
}

async function sessionOptions(): Promise<SessionOptions> {
  return {
    cookieName: SESSION_COOKIE,
    password: getEnv().sessionSecret,
    ttl: SESSION_TTL_SECONDS,
    cookieOptions: { httpOnly: true, sameSite: 'lax', secure: await cookieSecurity(), path: '/' },
  };
}

export async function getSession(): Promise<IronSession<SessionData>> {
  return getIronSession<SessionData>(await cookies(), await sessionOptions());
}

export async function startSession(user: { id: string; sessionVersion: number }): Promise<void> {
  const session = await getSession();
  session.userId = user.id;
  session.sessionVersion = user.sessionVersion;
  await session.save();
}

export async function endSession(): Promise<void> {
  (await getSession()).destroy();
}

/** Keeps the OIDC state, nonce and PKCE verifier across the provider redirect, sealed and HttpOnly. */
export async function storePendingSignIn(value: object): Promise<void> {
  const sealed = await sealData(value, { password: getEnv().sessionSecret, ttl: OIDC_TTL_SECONDS });
  (await cookies()).set(OIDC_COOKIE, sealed, {
    httpOnly: true,
    sameSite: 'lax',
    secure: await cookieSecurity(),
    path: '/auth/google',
    maxAge: OIDC_TTL_SECONDS,
  });
}

/** Reads and clears the pending sign-in: it is good for exactly one callback. */
export async function takePendingSignIn(): Promise<unknown> {
  const store = await cookies();
  const sealed = store.get(OIDC_COOKIE)?.value;
  store.delete({ name: OIDC_COOKIE, path: '/auth/google' });
  if (sealed === undefined) return undefined;
  const data = await unsealData<unknown>(sealed, { password: getEnv().sessionSecret, ttl: OIDC_TTL_SECONDS });
  return typeof data === 'object' && data !== null && Object.keys(data).length > 0 ? data : undefined;
}
