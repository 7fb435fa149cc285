import { forBusiness, listBusinessesForUser } from '@receptionist/db';
import { createTestDatabase, createTestUser, type TestDatabase } from '@receptionist/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LINK_TTL_MS } from '../accounts/account-links.ts';
import { registerLocalUser } from '../accounts/register-local-user.ts';
import { requestEmailVerification, verifyEmail } from '../accounts/verify-email.ts';
import { createBusiness } from '../business/create.ts';
import { DEMO_BUSINESS_ID, seedDemoBusiness } from '../seed.ts';
import { createTestProfile } from '../testing/index.ts';
import { acceptStaffInvite, assertMayJoinBusinesses, inviteStaff } from './invite-staff.ts';

let database: TestDatabase;
let businessId: string;
let ownerId: string;
const nowMs = Date.parse('2030-01-07T15:00:00Z');

beforeEach(async () => {
  database = await createTestDatabase();
  ownerId = (await createTestUser(database.db)).id;
  const ctx = { db: database.db, actor: { kind: 'staff', userId: ownerId } } as const;
  businessId = (await createBusiness({ ctx, input: createTestProfile({ name: 'Clinic' }) })).business.id;
});
afterEach(async () => {
  await database.cleanup();
});

const system = { kind: 'system' } as const;
const password = 'lantern orbit 42';

function invite(email: string) {
  return inviteStaff({
    ctx: { db: database.db, businessId, actor: { kind: 'staff', userId: ownerId }, nowMs },
    input: { email },
  });
}

describe('staff invitations', () => {
  it('grants nothing to an account registered in advance until the invited address accepts the link', async () => {
    const squatter = await registerLocalUser({
      ctx: { db: database.db, actor: system },
      input: { email: 'newhire@clinic.test', password, requireVerification: true },
    });
    const { token } = await invite('NewHire@clinic.test');
    // Inviting alone attaches no one.
    expect(await listBusinessesForUser(database.db, squatter.id)).toEqual([]);
    const other = await createTestUser(database.db, { email: 'someone@else.test' });
    await expect(
      acceptStaffInvite({
        ctx: { db: database.db, nowMs },
        input: { token, userId: other.id, linkWasEmailed: true },
      }),
    ).rejects.toMatchObject({ code: 'invite_wrong_account' });
    // The refusal rolled back: the link is still good for the invited address.
    const accepted = await acceptStaffInvite({
      ctx: { db: database.db, nowMs },
      input: { token, userId: squatter.id, linkWasEmailed: true },
    });
    expect(accepted.businessId).toBe(businessId);
    expect(await forBusiness(database.db, businessId).members.roleOf(squatter.id)).toBe('staff');
    // Opening an emailed link proves the address.
    const [row] = await database.db.query.users.findMany({ where: (u, { eq }) => eq(u.id, squatter.id) });
    expect(row?.emailVerifiedAt).toBe(nowMs);
    // Single use.
    await expect(
      acceptStaffInvite({
        ctx: { db: database.db, nowMs },
        input: { token, userId: squatter.id, linkWasEmailed: true },
      }),
    ).rejects.toMatchObject({ code: 'link_invalid' });
  });

  it('refuses an expired or made-up link', async () => {
    const user = await createTestUser(database.db, { email: 'late@clinic.test' });
    const { token } = await invite('late@clinic.test');
    const later = nowMs + LINK_TTL_MS.staff_invite + 1;
    await expect(
      acceptStaffInvite({
        ctx: { db: database.db, nowMs: later },
        input: { token, userId: user.id, linkWasEmailed: false },
      }),
    ).rejects.toMatchObject({ code: 'link_invalid' });
    await expect(
      acceptStaffInvite({
        ctx: { db: database.db, nowMs },
        input: { token: 'x'.repeat(43), userId: user.id, linkWasEmailed: false },
      }),
    ).rejects.toMatchObject({ code: 'link_invalid' });
  });
});

describe('email verification', () => {
  it('with email on, an unverified account owns nothing; the first verified one takes the demo business', async () => {
    const fresh = await createTestDatabase();
    try {
      await seedDemoBusiness(fresh.db);
      const user = await registerLocalUser({
        ctx: { db: fresh.db, actor: system },
        input: { email: 'owner@clinic.test', password, requireVerification: true },
      });
      expect(await listBusinessesForUser(fresh.db, user.id)).toEqual([]);
      await expect(
        assertMayJoinBusinesses({
          ctx: { db: fresh.db },
          input: { userId: user.id, emailVerificationRequired: true },
        }),
      ).rejects.toMatchObject({ code: 'email_not_verified' });
      const { token } = await requestEmailVerification({
        ctx: { db: fresh.db, nowMs },
        input: { userId: user.id },
      });
      const verified = await verifyEmail({ ctx: { db: fresh.db, nowMs }, input: { token } });
      expect(verified.emailVerifiedAt).toBe(nowMs);
      expect((await listBusinessesForUser(fresh.db, user.id)).map((row) => row.business.id)).toEqual([
        DEMO_BUSINESS_ID,
      ]);
      await assertMayJoinBusinesses({
        ctx: { db: fresh.db },
        input: { userId: user.id, emailVerificationRequired: true },
      });
      await expect(verifyEmail({ ctx: { db: fresh.db, nowMs }, input: { token } })).rejects.toMatchObject({
        code: 'link_invalid',
      });
    } finally {
      await fresh.cleanup();
    }
  });

  it('without email (local single-owner mode) nothing changes: the first account owns the demo at once', async () => {
    const fresh = await createTestDatabase();
    try {
      const user = await registerLocalUser({
        ctx: { db: fresh.db, actor: system },
        input: { email: 'me@home.test', password },
      });
      expect((await listBusinessesForUser(fresh.db, user.id)).map((row) => row.business.id)).toEqual([
        DEMO_BUSINESS_ID,
      ]);
      await assertMayJoinBusinesses({
        ctx: { db: fresh.db },
        input: { userId: user.id, emailVerificationRequired: false },
      });
    } finally {
      await fresh.cleanup();
    }
  });
});
