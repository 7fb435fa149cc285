import { describe, expect, it } from 'vitest';
import { publicUrlFor, signTwilioRequest, validateTwilioSignature } from './signature.ts';

describe('Twilio signatures', () => {
  // The worked example from Twilio's "Webhooks security" documentation (same vector other implementations test).
  const authToken = '12345';
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = {
    CallSid: 'CA1234567890ABCDE',
    Caller: '+12349013030',
    Digits: '1234',
    From: '+12349013030',
    To: '+18005551212',
  };

  it('accepts the documented example signature', () => {
    expect(signTwilioRequest(authToken, url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(
      validateTwilioSignature({ authToken, signature: '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', url, params }),
    ).toBe(true);
  });

  it('refuses a missing signature, a changed parameter, another URL or another token', () => {
    const signature = signTwilioRequest(authToken, url, params);
    expect(validateTwilioSignature({ authToken, signature: undefined, url, params })).toBe(false);
    expect(
      validateTwilioSignature({ authToken, signature, url, params: { ...params, To: '+18005550000' } }),
    ).toBe(false);
    expect(validateTwilioSignature({ authToken, signature, url: `${url}&x=1`, params })).toBe(false);
    expect(validateTwilioSignature({ authToken: '54321', signature, url, params })).toBe(false);
  });

  it('builds the public URL without doubled slashes', () => {
    expect(publicUrlFor('https://voice.example.test/', '/twilio/voice')).toBe(
      'https://voice.example.test/twilio/voice',
    );
  });
});
