import { describe, expect, it } from 'vitest';
import { checkRequestOrigin, type OriginCheckInput, siteScheme } from './origin.ts';

const base: OriginCheckInput = {
  method: 'POST',
  origin: 'http://127.0.0.1:3000',
  host: '127.0.0.1:3000',
  scheme: 'http',
  secFetchSite: 'same-origin',
  trustedOrigins: [],
  allowMissingOrigin: false,
};

describe('checkRequestOrigin', () => {
  it('lets safe methods through whatever their origin', () => {
    expect(checkRequestOrigin({ ...base, method: 'GET', origin: 'https://evil.example' })).toEqual({
      ok: true,
    });
  });

  it('accepts a same-origin POST', () => {
    expect(checkRequestOrigin(base)).toEqual({ ok: true });
  });

  it('refuses another origin, Origin: null and a cross-site fetch', () => {
    expect(checkRequestOrigin({ ...base, origin: 'https://evil.example', secFetchSite: null })).toEqual({
      ok: false,
      reason: 'cross_origin',
    });
    expect(checkRequestOrigin({ ...base, origin: 'null', secFetchSite: null })).toEqual({
      ok: false,
      reason: 'null_origin',
    });
    expect(checkRequestOrigin({ ...base, secFetchSite: 'cross-site' })).toEqual({
      ok: false,
      reason: 'cross_site_fetch',
    });
    expect(checkRequestOrigin({ ...base, origin: 'http://127.0.0.1:3001' }).ok).toBe(false);
    expect(checkRequestOrigin({ ...base, origin: 'not a url' }).ok).toBe(false);
  });

  it('refuses a missing Origin unless the route allows it (bearer API)', () => {
    expect(checkRequestOrigin({ ...base, origin: null }).ok).toBe(false);
    expect(checkRequestOrigin({ ...base, origin: null, allowMissingOrigin: true }).ok).toBe(true);
    expect(checkRequestOrigin({ ...base, origin: 'null', allowMissingOrigin: true }).ok).toBe(false);
  });

  it('accepts a configured public origin when a proxy rewrites Host', () => {
    const input = { ...base, origin: 'https://app.example.com', host: 'internal:3000' };
    expect(checkRequestOrigin(input).ok).toBe(false);
    expect(checkRequestOrigin({ ...input, trustedOrigins: ['https://app.example.com/'] }).ok).toBe(true);
  });

  it('compares the scheme too: http://host is not the origin of https://host', () => {
    const https = { ...base, scheme: 'https', origin: 'https://127.0.0.1:3000' };
    expect(checkRequestOrigin(https)).toEqual({ ok: true });
    expect(checkRequestOrigin({ ...https, origin: 'http://127.0.0.1:3000', secFetchSite: null })).toEqual({
      ok: false,
      reason: 'cross_origin',
    });
  });

  it('takes the scheme from the public URL when one is configured', () => {
    expect(siteScheme('https://clinic.example', 'http:')).toBe('https');
    expect(siteScheme(undefined, 'http:')).toBe('http');
  });
});
