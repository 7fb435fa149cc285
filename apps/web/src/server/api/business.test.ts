import { createBusinessWithProfile, loadBusinessProfile } from '@receptionist/domain';
import { createTestProfile } from '@receptionist/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBusinessHandler, updateBusinessHandler } from './business.ts';
import { type ApiTestBed, createApiTestBed } from './test-harness.ts';

let bed: ApiTestBed;

beforeAll(async () => {
  bed = await createApiTestBed({
    createBusiness: async (db, name) =>
      (await createBusinessWithProfile(db, createTestProfile({ name }))).business,
  });
});

afterAll(async () => {
  await bed.testDb.cleanup();
});

describe('/api/v1/business', () => {
  it('needs a valid key', async () => {
    expect((await bed.call(getBusinessHandler, { path: '/api/v1/business', key: null })).status).toBe(401);
    expect(
      (await bed.call(updateBusinessHandler, { method: 'PATCH', path: '/x', key: 'Bearer', body: {} }))
        .status,
    ).toBe(401);
  });

  it("returns the key's own business profile", async () => {
    const a = await bed.call(getBusinessHandler, { path: '/api/v1/business' });
    expect(a.status).toBe(200);
    expect(a.body.data).toMatchObject({ id: bed.businessA, profile: { name: 'Alpha Clinic' } });
    const b = await bed.call(getBusinessHandler, { path: '/api/v1/business', key: bed.keyB });
    expect(b.body.data).toMatchObject({ id: bed.businessB, profile: { name: 'Beta Salon' } });
  });

  it('updates the named fields, keeps the rest, and only for the key’s business', async () => {
    const updated = await bed.call(updateBusinessHandler, {
      method: 'PATCH',
      path: '/api/v1/business',
      body: {
        greeting: 'Hello from the API',
        faq: [{ question: 'Parking?', answer: 'Behind the building.' }],
      },
    });
    expect(updated.status).toBe(200);
    const stored = await loadBusinessProfile(bed.db, bed.businessA);
    expect(stored.greeting).toBe('Hello from the API');
    expect(stored.faq).toEqual([{ question: 'Parking?', answer: 'Behind the building.', keywords: [] }]);
    expect(stored.services.length).toBeGreaterThan(0);
    expect((await loadBusinessProfile(bed.db, bed.businessB)).greeting).not.toBe('Hello from the API');
  });

  it('takes the languages served and content per language, refusing a translation for one not served', async () => {
    const updated = await bed.call(updateBusinessHandler, {
      method: 'PATCH',
      path: '/api/v1/business',
      body: {
        languages: ['en-US', 'es-MX'],
        offerLanguageChoice: true,
        translations: {
          'es-MX': {
            greeting: 'Gracias por llamar a Alpha Clinic.',
            faq: [{ question: '¿Hay estacionamiento?', answer: 'Detrás del edificio.' }],
          },
        },
      },
    });
    expect(updated.status).toBe(200);
    const stored = await loadBusinessProfile(bed.db, bed.businessA);
    expect(stored.languages).toEqual(['en-US', 'es-MX']);
    expect(stored.translations['es-MX']?.faq?.[0]?.answer).toBe('Detrás del edificio.');

    const unserved = await bed.call(updateBusinessHandler, {
      method: 'PATCH',
      path: '/api/v1/business',
      body: { translations: { 'fr-FR': { greeting: 'Bonjour' } } },
    });
    expect(unserved.status).toBe(400);
    expect((await loadBusinessProfile(bed.db, bed.businessA)).translations['fr-FR']).toBeUndefined();
  });

  it('refuses invalid values and unknown fields with 400, writing nothing', async () => {
    const badZone = await bed.call(updateBusinessHandler, {
      method: 'PATCH',
      path: '/x',
      body: { timeZone: 'Mars/Olympus' },
    });
    expect(badZone.status).toBe(400);
    expect(JSON.stringify(badZone.body.error)).toContain('timeZone');
    const unknown = await bed.call(updateBusinessHandler, {
      method: 'PATCH',
      path: '/x',
      body: { businessId: 'biz_other' },
    });
    expect(unknown.status).toBe(400);
    const notObject = await bed.call(updateBusinessHandler, { method: 'PATCH', path: '/x', body: '[1,2]' });
    expect(notObject.status).toBe(400);
    expect((await loadBusinessProfile(bed.db, bed.businessA)).timeZone).toBe('America/New_York');
  });
});
