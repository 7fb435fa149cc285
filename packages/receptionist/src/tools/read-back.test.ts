import { createTestCall, createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { createTestReceptionistBusiness } from '@receptionist/domain/testing';
import type { AnyEngineTool, ToolResult } from '@receptionist/engine';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestToolContext } from '../testing/index.ts';
import { buildReceptionistTools } from './index.ts';

// Monday 2030-01-07 08:00 in New York; the test business is open weekdays 9-17 with lunch 12-13.
const NOW = DateTime.fromISO('2030-01-07T08:00', { zone: 'America/New_York' }).toMillis();
const CALLER = '+12025550123';

let database: TestDatabase;
let run: (name: string, args: unknown, language?: string) => Promise<ToolResult>;

beforeEach(async () => {
  database = await createTestDatabase();
  const { business } = await createTestReceptionistBusiness(database.db, {
    languages: ['en-US', 'es-US'],
    translations: {
      'es-US': {
        services: { cleaning: { name: 'Limpieza' } },
        faq: [
          {
            question: '¿Hay estacionamiento?',
            answer: 'Sí, hay estacionamiento gratis detrás del edificio.',
            keywords: ['estacionamiento'],
          },
        ],
      },
    },
  });
  const callId = (await createTestCall(database.db, business.id, { fromNumber: CALLER })).id;
  const tools = new Map<string, AnyEngineTool>(
    buildReceptionistTools({ db: database.db, businessId: business.id, now: () => NOW }).map((tool) => [
      tool.name,
      tool,
    ]),
  );
  run = (name, args, language) => {
    const tool = tools.get(name);
    if (tool === undefined) throw new Error(`no tool ${name}`);
    return tool.execute(
      args as never,
      createTestToolContext(business.id, callId, { callerNumber: CALLER, language }),
    );
  };
});

afterEach(async () => {
  await database.cleanup();
});

describe('tool read-backs in the caller language', () => {
  it('gives free slots, prices and the callback number in Spanish conventions', async () => {
    const slots = await run('check_availability', { service: 'cleaning', date: '2030-01-08' }, 'es-US');
    const first = (slots.data as { slots: Array<{ date: string; time: string; spoken?: string }> }).slots[0];
    expect(first).toEqual({
      date: '2030-01-08',
      time: '09:00',
      spoken: 'martes, 8 de enero a las 9:00 a.m.',
    });

    const info = await run('get_business_info', { topic: 'services' }, 'es-US');
    const services = (info.data as { services: Array<{ id: string; name: string; spokenPrice?: string }> })
      .services;
    expect(services.find((service) => service.id === 'cleaning')).toMatchObject({
      name: 'Limpieza',
      spokenPrice: '$120',
    });
    // No Spanish name for whitening: the primary one stands in.
    expect(services.find((service) => service.id === 'whitening')?.name).toBe('Whitening');

    const message = await run('take_message', { reason: 'Llamar sobre la factura' }, 'es-US');
    expect(message.data).toMatchObject({ spokenCallbackNumber: '2 0 2, 5 5 5, 0 1 2 3' });
  });

  it("answers from the caller's language FAQ, and from the primary FAQ where it has no answer", async () => {
    const spanish = await run('answer_question', { question: '¿hay estacionamiento cerca?' }, 'es-US');
    expect(spanish.message).toBe('Sí, hay estacionamiento gratis detrás del edificio.');
    // No Spanish entry about insurance: the primary (English) FAQ answers; the agent translates it.
    const fallback = await run('answer_question', { question: 'do you take insurance?' }, 'es-US');
    expect(fallback.ok).toBe(true);
    expect(fallback.data).toMatchObject({ matchedQuestion: 'Do you take insurance?' });
  });

  it('keeps English read-backs as they were', async () => {
    const slots = await run('check_availability', { service: 'cleaning', date: '2030-01-08' }, 'en-US');
    expect((slots.data as { slots: Array<Record<string, string>> }).slots[0]).toEqual({
      date: '2030-01-08',
      time: '09:00',
    });
    const message = await run('take_message', { reason: 'About my bill' });
    expect(message.data).not.toHaveProperty('spokenCallbackNumber');
  });
});
