import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.ts';

describe('securityHeaders', () => {
  it('forbids framing, sniffing and foreign scripts, and allows the voice server socket', () => {
    const headers = securityHeaders({ voiceUrl: 'http://127.0.0.1:8081', https: false, development: false });
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:8081");
    expect(csp).not.toContain('unsafe-eval');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS over https, with a wss socket for an https voice server', () => {
    const headers = securityHeaders({
      voiceUrl: 'https://voice.clinic.example',
      https: true,
      development: false,
    });
    expect(headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(headers['content-security-policy']).toContain('wss://voice.clinic.example');
  });
});
