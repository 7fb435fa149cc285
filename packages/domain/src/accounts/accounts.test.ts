import { forBusiness, listBusinessesForUser } from '@receptionist/db';
import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_BUSINESS_ID } from '../seed.ts';
import { authenticateLocalUser } from './authenticate-local-user.ts';
import { registerLocalUser } from './register-local-user.ts';
import { signOutEverywhere } from './sign-out-everywhere.ts';
import { upsertGoogleUser } from './upsert-google-user.ts';

let database: TestDatabase;
const system = { kind: 'system' } as const;

beforeEach(async () => {
  database = await createTestDatabase();
});

afterEach(async () => {
  await database.cleanup();
});

describe('account verbs', () => {
  it('gives the first account the demo business, and only the first', async () => {
    const ctx = { db: database.db, actor: system };
    const first = await registerLocalUser({
      ctx,
      input: { email: 'Owner@Example.com', password: 'correct horse staple', name: ' Owner ' },
    });
    expect(first.email).toBe('owner@example.com');
    expect(first.name).toBe('Owner');
    expect(first.passwordHash).toMatch(/^scrypt\$/);
    expect((await listBusinessesForUser(database.db, first.id)).map((row) => row.business.id)).toEqual([
      DEMO_BUSINESS_ID,
    ]);
    const second = await upsertGoogleUser({
      ctx,
      input: { sub: 'google-1', email: 'second@example.com', name: 'Second' },
    });
    expect(await listBusinessesForUser(database.db, second.id)).toEqual([]);
    expect((await upsertGoogleUser({ ctx, input: { sub: 'google-1', email: 'x@example.com' } })).id).toBe(
      second.id,
    );
    expect((await forBusiness(database.db, DEMO_BUSINESS_ID).members.list()).length).toBe(1);
  });

  it('refuses weak passwords, taken emails and wrong passwords with their codes', async () => {
    const ctx = { db: database.db, actor: system };
    await expect(
      registerLocalUser({ ctx, input: { email: 'a@example.com', password: 'short' } }),
    ).rejects.toMatchObject({ code: 'weak_password' });
    const user = await registerLocalUser({
      ctx,
      input: { email: 'a@example.com', password: 'lantern orbit 42' },
    });
    await expect(
      registerLocalUser({ ctx, input: { email: 'A@example.com', password: 'lantern orbit 42' } }),
    ).rejects.toMatchObject({ code: 'email_taken' });
    await expect(
      upsertGoogleUser({ ctx, input: { sub: 'google-2', email: 'a@example.com' } }),
    ).rejects.toMatchObject({ code: 'email_taken' });
    expect(
      (await authenticateLocalUser({ ctx, input: { email: 'a@example.com', password: 'lantern orbit 42' } }))
        .id,
    ).toBe(user.id);
    await expect(
      authenticateLocalUser({ ctx, input: { email: 'a@example.com', password: 'wrong one!' } }),
    ).rejects.toMatchObject({ code: 'invalid_credentials' });
    await expect(
      authenticateLocalUser({ ctx, input: { email: 'nobody@example.com', password: 'lantern orbit 42' } }),
    ).rejects.toMatchObject({ code: 'invalid_credentials' });
  });

  it('signs a user out everywhere by moving their session version on', async () => {
    const user = await registerLocalUser({
      ctx: { db: database.db, actor: system },
      input: { email: 'b@example.com', password: 'lantern orbit 42' },
    });
    await signOutEverywhere({ ctx: { db: database.db, actor: { kind: 'staff', userId: user.id } } });
    const [row] = await database.db.query.users.findMany({ where: (users, { eq }) => eq(users.id, user.id) });
    expect(row?.sessionVersion).toBe(user.sessionVersion + 1);
    await expect(
      signOutEverywhere({ ctx: { db: database.db, actor: { kind: 'staff', userId: 'usr_gone' } } }),
    ).rejects.toMatchObject({ code: 'user_not_found' });
  });
});
