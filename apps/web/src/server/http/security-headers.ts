/**
 * Response headers every dashboard page and route gets (set in the proxy, so they follow the runtime
 * configuration). The CSP keeps 'unsafe-inline' for scripts and styles because Next's App Router inlines its
 * hydration data without nonces in a static build; everything else is locked to this origin, plus the voice
 * server's WebSocket for test calls. `frame-ancestors 'none'` (and X-Frame-Options for old browsers) stops
 * click-jacking; HSTS is sent only over https, where it means something.
 */
export function securityHeaders(options: {
  voiceUrl: string;
  https: boolean;
  development: boolean;
}): Record<string, string> {
  const voice = new URL(options.voiceUrl);
  const voiceSocket = `${voice.protocol === 'https:' ? 'wss' : 'ws'}://${voice.host}`;
  const csp = [
    "default-src 'self'",
    // next dev evaluates modules with eval for fast refresh; the production build does not need it.
    `script-src 'self' 'unsafe-inline'${options.development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${voiceSocket} ${voice.origin}${options.development ? ' ws: wss:' : ''}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const headers: Record<string, string> = {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), geolocation=(), microphone=(self)',
    'cross-origin-opener-policy': 'same-origin',
  };
  if (options.https) headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}
