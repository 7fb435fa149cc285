import { describe, expect, it } from 'vitest';
import { parsePolarConfig, planOfProduct } from './settings.ts';

describe('the POLAR_* settings', () => {
  it('leave billing off without an access token, usage counting needs none of them', () => {
    expect(parsePolarConfig({})).toEqual({ api: undefined, webhookSecret: undefined, products: {} });
  });

  it('read the server, an override URL, products and meter name', () => {
    const config = parsePolarConfig({
      POLAR_ACCESS_TOKEN: ' polar_oat_x ',
      POLAR_WEBHOOK_SECRET: 'whs',
      POLAR_SERVER: 'production',
      POLAR_SERVER_URL: 'http://127.0.0.1:9999/',
      POLAR_PRODUCT_STARTER: 'prod-a',
      POLAR_PRODUCT_PRO: '',
    });
    expect(config).toEqual({
      api: {
        accessToken: 'polar_oat_x',
        server: 'production',
        serverUrl: 'http://127.0.0.1:9999',
        meterEventName: 'call_seconds',
        timeoutMs: 10_000,
      },
      webhookSecret: 'whs',
      products: { starter: 'prod-a' },
    });
    expect(planOfProduct(config.products, 'prod-a')).toBe('starter');
    expect(planOfProduct(config.products, 'prod-other')).toBeUndefined();
  });

  it('refuse a bad value, naming the variable', () => {
    expect(() => parsePolarConfig({ POLAR_SERVER: 'staging' })).toThrow(/POLAR_SERVER/);
    expect(() => parsePolarConfig({ POLAR_SERVER_URL: 'ftp://x' })).toThrow(/POLAR_SERVER_URL/);
  });
});
