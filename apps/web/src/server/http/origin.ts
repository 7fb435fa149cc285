/**
 * Cross-site request refusal for state-changing requests. Route handlers get no CSRF protection from
 * Next.js, and server actions once let `Origin: null` through (GHSA-mq59-m269-xvcx), so one check runs
 * in the proxy for every unsafe request, before any handler or action.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface OriginCheckInput {
  method: string;
  /** The `Origin` header, or null when absent. */
  origin: string | null;
  /** The `Host` header the browser sent. */
  host: string | null;
  /**
   * The scheme this site is served on (`http` or `https`): WEB_PUBLIC_URL's when configured, else the one the
   * request arrived on. An Origin with the right host but another scheme (a page on http://host posting to
   * https://host) is another origin (RFC 6454) and refused.
   */
  scheme: string | null;
  /** The `Sec-Fetch-Site` header, when the browser sent one. */
  secFetchSite: string | null;
  /** Extra trusted origins (e.g. WEB_PUBLIC_URL behind a proxy that rewrites Host). */
  trustedOrigins: readonly string[];
  /** Bearer-key API calls from servers carry no Origin and no ambient credentials: allowed without one. */
  allowMissingOrigin: boolean;
}

export type OriginVerdict =
  | { ok: true }
  | { ok: false; reason: 'missing_origin' | 'null_origin' | 'cross_origin' | 'cross_site_fetch' };

export function checkRequestOrigin(input: OriginCheckInput): OriginVerdict {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return { ok: true };
  if (input.secFetchSite === 'cross-site') return { ok: false, reason: 'cross_site_fetch' };
  if (input.origin === null) {
    return input.allowMissingOrigin ? { ok: true } : { ok: false, reason: 'missing_origin' };
  }
  if (input.origin === 'null') return { ok: false, reason: 'null_origin' };
  let originUrl: URL;
  try {
    originUrl = new URL(input.origin);
  } catch {
    return { ok: false, reason: 'cross_origin' };
  }
  const sameScheme = input.scheme === null || originUrl.protocol === `${input.scheme.replace(/:$/, '')}:`;
  if (input.host !== null && originUrl.host === input.host.toLowerCase() && sameScheme) return { ok: true };
  const trusted = input.trustedOrigins.some((candidate) => {
    try {
      return new URL(candidate).origin === originUrl.origin;
    } catch {
      return false;
    }
  });
  return trusted ? { ok: true } : { ok: false, reason: 'cross_origin' };
}

/** The scheme to compare Origins with: the configured public URL's, else the request's own. */
export function siteScheme(publicUrl: string | undefined, requestScheme: string | null): string | null {
  if (publicUrl !== undefined) {
    try {
      return new URL(publicUrl).protocol.replace(/:$/, '');
    } catch {
      // fall through to the request's scheme
    }
  }
  return requestScheme === null ? null : requestScheme.replace(/:$/, '');
}
