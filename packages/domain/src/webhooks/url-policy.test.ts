import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { isSpecialUseAddress, parseWebhookUrl, resolveWebhookTarget } from './url-policy.ts';

describe('isSpecialUseAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::7f00:1',
    'not-an-address',
  ])('refuses %s', (address) => {
    expect(isSpecialUseAddress(address)).toBe(true);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(isSpecialUseAddress(address)).toBe(false);
  });
});

describe('resolveWebhookTarget', () => {
  const publicDns = async () => [{ address: '93.184.215.14', family: 4 as const }];

  it('refuses a host that resolves to loopback, even when it also has a public address', async () => {
    const mixed = async () => [
      { address: '93.184.215.14', family: 4 as const },
      { address: '127.0.0.1', family: 4 as const },
    ];
    const refused = resolveWebhookTarget(new URL('https://rebind.example/hook'), {
      allowPrivate: false,
      resolve: mixed,
    });
    await expect(refused).rejects.toMatchObject({ code: 'webhook_url_refused' });
  });

  it('refuses `localhost` through the system resolver and IP literals without resolving', async () => {
    await expect(
      resolveWebhookTarget(new URL('http://localhost:9/hook'), { allowPrivate: false }),
    ).rejects.toBeInstanceOf(DomainError);
    await expect(
      resolveWebhookTarget(new URL('http://[::1]:9/hook'), { allowPrivate: false, resolve: publicDns }),
    ).rejects.toMatchObject({ code: 'webhook_url_refused' });
  });

  it.each(['http://2130706433/', 'http://0x7f.1/', 'http://017700000001/', 'http://[::ffff:127.0.0.1]/'])(
    'refuses the loopback address spelled as %s',
    async (raw) => {
      const neverAsked = async () => {
        throw new Error('an IP literal must not be resolved');
      };
      await expect(
        resolveWebhookTarget(parseWebhookUrl(raw), { allowPrivate: false, resolve: neverAsked }),
      ).rejects.toMatchObject({ code: 'webhook_url_refused', details: { hostname: expect.any(String) } });
    },
  );

  it('returns the checked addresses of a public host, and anything when private URLs are allowed', async () => {
    await expect(
      resolveWebhookTarget(new URL('https://hooks.example/x'), { allowPrivate: false, resolve: publicDns }),
    ).resolves.toEqual([{ address: '93.184.215.14', family: 4 }]);
    await expect(
      resolveWebhookTarget(new URL('http://127.0.0.1:9/x'), { allowPrivate: true }),
    ).resolves.toEqual([{ address: '127.0.0.1', family: 4 }]);
  });

  it('refuses a host that does not resolve', async () => {
    const none = async () => {
      throw new Error('ENOTFOUND');
    };
    await expect(
      resolveWebhookTarget(new URL('https://nowhere.invalid/'), { allowPrivate: true, resolve: none }),
    ).rejects.toMatchObject({ code: 'webhook_url_refused' });
  });
});

describe('parseWebhookUrl', () => {
  it.each(['ftp://example.com/', 'https://user:pw@example.com/', 'not a url', 'file:///etc/passwd'])(
    'refuses %s',
    (raw) => {
      expect(() => parseWebhookUrl(raw)).toThrow(DomainError);
    },
  );
});
