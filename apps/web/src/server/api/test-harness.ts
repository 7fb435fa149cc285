import { createApiKey, tenantContext } from '@receptionist/domain';
import {
  createTestBusiness,
  createTestDatabase,
  pinnedClock,
  type TestDatabase,
} from '@receptionist/domain/testing';
import type { Database } from '../db.ts';
import { type ApiHandler, apiRoute } from './context.ts';

/**
 * Shared set-up for REST API tests: a temp database with two businesses (A and B), one API key each,
 * and a way to call a handler the way Next calls a route (Request in, Response out).
 */
/** Monday 2 March 2026, 10:00 in New York: the API tests' "today". */
export const API_TEST_NOW = '2026-03-02T15:00:00Z';

export interface ApiTestBed {
  testDb: TestDatabase;
  /** The handlers' clock, pinned at API_TEST_NOW. */
  now: () => number;
  db: Database;
  businessA: string;
  businessB: string;
  keyA: string;
  keyB: string;
  call<Params>(
    handler: ApiHandler<Params>,
    init: {
      method?: string;
      path: string;
      key?: string | null;
      body?: unknown;
      params?: Params;
      /** Another client on the same database file (race tests); the bed's own by default. */
      db?: Database;
    },
  ): Promise<{
    status: number;
    body: { data?: unknown; error?: { code: string; message: string } } & Record<string, unknown>;
  }>;
}

export async function createApiTestBed(
  options: { createBusiness?: (db: Database, name: string) => Promise<{ id: string }> } = {},
): Promise<ApiTestBed> {
  const testDb = await createTestDatabase();
  const db = testDb.db;
  const create =
    options.createBusiness ?? ((database: Database, name: string) => createTestBusiness(database, { name }));
  const a = await create(db, 'Alpha Clinic');
  const b = await create(db, 'Beta Salon');
  const keyA = (await createTestApiKey(db, a.id, 'test A')).key;
  const keyB = (await createTestApiKey(db, b.id, 'test B')).key;
  const now = pinnedClock(API_TEST_NOW);
  return {
    testDb,
    now,
    db,
    businessA: a.id,
    businessB: b.id,
    keyA,
    keyB,
    async call(handler, init) {
      const route = apiRoute({ getDb: async () => init.db ?? db, now }, handler);
      const headers = new Headers();
      const key = init.key === undefined ? keyA : init.key;
      if (key !== null) headers.set('authorization', `Bearer ${key}`);
      let body: string | undefined;
      if (init.body !== undefined) {
        headers.set('content-type', 'application/json');
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      }
      const request = new Request(`http://127.0.0.1${init.path}`, {
        method: init.method ?? 'GET',
        headers,
        body,
      });
      const response = await route(request, { params: Promise.resolve(init.params ?? ({} as never)) });
      return { status: response.status, body: await response.json() };
    },
  };
}

/** Mints a key the way the admin CLI does (no signed-in user behind it). */
export function createTestApiKey(db: Database, businessId: string, name: string) {
  return createApiKey({ ctx: tenantContext(db, businessId, { kind: 'system' }), input: { name } });
}
