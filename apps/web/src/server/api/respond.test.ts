import { DomainError, type DomainErrorCode } from '@receptionist/domain';
import { describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_STATUS } from './domain-status.ts';
import { readJsonBody, toApiError } from './respond.ts';

/** What `next build` does to class names: the error keeps its brand and code, loses its readable name. */
function minified(code: DomainErrorCode): DomainError {
  const error = new DomainError(code, 'refused');
  error.name = 'e';
  return error;
}

describe('toApiError maps domain refusals by code, not by class name', () => {
  it.each([
    ['slot_taken', 409, 'conflict'],
    ['closed', 422, 'unprocessable'],
    ['appointment_not_found', 404, 'not_found'],
    ['business_not_found', 404, 'not_found'],
    ['verification_limited', 429, 'rate_limited'],
    ['twilio_unreachable', 503, 'unavailable'],
  ] as const)('%s → %i even when the class name is minified', (code, status, apiCode) => {
    const mapped = toApiError(minified(code));
    expect(mapped.status).toBe(status);
    expect(mapped.code).toBe(apiCode);
    expect(mapped.details).toMatchObject({ reason: code });
  });

  it('does not trust an error that merely calls itself DomainError', () => {
    const impostor = Object.assign(new Error('boom'), { name: 'DomainError', code: 'slot_taken' });
    expect(toApiError(impostor).status).toBe(500);
  });

  it('has a status for every domain code', () => {
    for (const status of Object.values(DOMAIN_ERROR_STATUS))
      expect([400, 404, 409, 422, 429, 503]).toContain(status);
  });
});

describe('readJsonBody', () => {
  const post = (body: string) =>
    new Request('http://127.0.0.1/api/v1/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

  it('answers malformed JSON with 400 and an oversize body with 413', async () => {
    await expect(readJsonBody(post('{"status":'))).rejects.toMatchObject({ status: 400 });
    await expect(readJsonBody(post(JSON.stringify({ note: 'x'.repeat(200_000) })))).rejects.toMatchObject({
      status: 413,
      code: 'payload_too_large',
    });
    await expect(readJsonBody(post('{"ok":true}'))).resolves.toEqual({ ok: true });
  });
});
