import { headers } from 'next/headers';
import { getEnv } from '../../env.ts';
import { checkRequestOrigin, siteScheme } from './origin.ts';

export class CrossOriginActionError extends Error {
  readonly code = 'forbidden_origin';
  constructor(reason: string) {
    super(`Refused a cross-origin action: ${reason}`);
    this.name = 'CrossOriginActionError';
  }
}

/**
 * Server actions are public POST endpoints. The proxy already refuses cross-origin requests; this repeats
 * the check inside each action so an action stays safe even if the proxy matcher ever misses its path.
 */
export async function assertSameOriginAction(): Promise<void> {
  const requestHeaders = await headers();
  const publicUrl = getEnv().webPublicUrl;
  const verdict = checkRequestOrigin({
    method: 'POST',
    origin: requestHeaders.get('origin'),
    host: requestHeaders.get('host'),
    // next start fills x-forwarded-proto from the socket (TLS or not) when no proxy set it.
    scheme: siteScheme(publicUrl, requestHeaders.get('x-forwarded-proto')?.split(',')[0]?.trim() ?? null),
    secFetchSite: requestHeaders.get('sec-fetch-site'),
    trustedOrigins: publicUrl === undefined ? [] : [publicUrl],
    allowMissingOrigin: false,
  });
  if (!verdict.ok) throw new CrossOriginActionError(verdict.reason);
}
