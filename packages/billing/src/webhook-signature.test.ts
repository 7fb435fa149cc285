import { validateEvent } from '@polar-sh/sdk/webhooks';
import { describe, expect, it } from 'vitest';
import { signPolarWebhook, verifyPolarSignature, WebhookSignatureError } from './webhook-signature.ts';

const SECRET = 'polar_whs_0123456789';
const BODY = JSON.stringify({ type: 'checkout.created', timestamp: '2026-01-01T00:00:00Z', data: {} });

/** Whether the SDK's own verification accepts the delivery (it reads the real clock). */
function sdkAccepts(body: string, headers: Record<string, string>, secret: string): boolean {
  try {
    validateEvent(body, headers, secret);
    return true;
  } catch (error) {
    // An accepted signature on a payload the SDK cannot model still got past verification.
    return (error as Error).constructor.name !== 'WebhookVerificationError';
  }
}

function oursAccepts(body: string, headers: Record<string, string>, secret: string, nowMs: number): boolean {
  try {
    verifyPolarSignature({ body, headers, secret, nowMs });
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookSignatureError);
    return false;
  }
}

describe('Polar webhook signatures', () => {
  it('decides exactly as validateEvent of @polar-sh/sdk/webhooks does', () => {
    const now = Date.now();
    const good = signPolarWebhook({ body: BODY, secret: SECRET, webhookId: 'msg_1', nowMs: now });
    const cases: Array<[string, string, Record<string, string>, string]> = [
      ['signed now', BODY, good, SECRET],
      ['another secret', BODY, good, 'polar_whs_other'],
      ['body changed', `${BODY} `, good, SECRET],
      ['id changed', BODY, { ...good, 'webhook-id': 'msg_2' }, SECRET],
      [
        'six minutes old',
        BODY,
        signPolarWebhook({ body: BODY, secret: SECRET, webhookId: 'm', nowMs: now - 360_000 }),
        SECRET,
      ],
      [
        'four minutes old',
        BODY,
        signPolarWebhook({ body: BODY, secret: SECRET, webhookId: 'm', nowMs: now - 240_000 }),
        SECRET,
      ],
      [
        'six minutes ahead',
        BODY,
        signPolarWebhook({ body: BODY, secret: SECRET, webhookId: 'm', nowMs: now + 360_000 }),
        SECRET,
      ],
      [
        'rotated: two signatures',
        BODY,
        { ...good, 'webhook-signature': `v1,AAAA ${good['webhook-signature']}` },
        SECRET,
      ],
      [
        'no signature',
        BODY,
        { 'webhook-id': 'msg_1', 'webhook-timestamp': good['webhook-timestamp'] ?? '' },
        SECRET,
      ],
      ['bad timestamp', BODY, { ...good, 'webhook-timestamp': 'soon' }, SECRET],
    ];
    for (const [name, body, headers, secret] of cases) {
      expect({ name, accepted: oursAccepts(body, headers, secret, now) }).toEqual({
        name,
        accepted: sdkAccepts(body, headers, secret),
      });
    }
  });

  it('judges staleness by the injected clock, not the real date', () => {
    const signedAt = Date.UTC(2031, 5, 1, 12, 0, 0);
    const headers = signPolarWebhook({ body: BODY, secret: SECRET, webhookId: 'msg_9', nowMs: signedAt });
    expect(verifyPolarSignature({ body: BODY, headers, secret: SECRET, nowMs: signedAt + 299_000 })).toEqual({
      webhookId: 'msg_9',
      timestampMs: signedAt,
    });
    expect(() =>
      verifyPolarSignature({ body: BODY, headers, secret: SECRET, nowMs: signedAt + 301_000 }),
    ).toThrow('Message timestamp too old');
    expect(() =>
      verifyPolarSignature({ body: BODY, headers, secret: SECRET, nowMs: signedAt - 301_000 }),
    ).toThrow('Message timestamp too new');
  });

  it('reads the headers from a fetch Headers object as well', () => {
    const nowMs = Date.UTC(2030, 0, 1);
    const headers = new Headers(signPolarWebhook({ body: BODY, secret: SECRET, webhookId: 'msg_h', nowMs }));
    expect(verifyPolarSignature({ body: BODY, headers, secret: SECRET, nowMs }).webhookId).toBe('msg_h');
  });
});
