import { forBusiness } from '@receptionist/db';
import {
  createTestBusiness,
  createTestDatabase,
  createTestUser,
  type TestDatabase,
} from '@receptionist/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tenantContext } from '../context.ts';
import { removeMember } from './remove-member.ts';

let database: TestDatabase;
let businessId: string;

beforeEach(async () => {
  database = await createTestDatabase();
  businessId = (await createTestBusiness(database.db)).id;
});
afterEach(async () => {
  await database.cleanup();
});

function ctx() {
  return tenantContext(database.db, businessId, { kind: 'staff', userId: 'usr_owner' });
}

async function roles(): Promise<Record<string, string>> {
  const members = await forBusiness(database.db, businessId).members.list();
  return Object.fromEntries(members.map((member) => [member.email, member.role]));
}

describe('removeMember', () => {
  it('takes a staff member off the team and leaves the rest', async () => {
    await createTestUser(database.db, { email: 'owner@clinic.test', businessId, role: 'owner' });
    const staff = await createTestUser(database.db, {
      email: 'staff@clinic.test',
      businessId,
      role: 'staff',
    });
    await removeMember({ ctx: ctx(), input: { userId: staff.id } });
    expect(await roles()).toEqual({ 'owner@clinic.test': 'owner' });
  });

  it('refuses to remove the only owner, but one of two owners may go', async () => {
    const first = await createTestUser(database.db, { email: 'a@clinic.test', businessId, role: 'owner' });
    await expect(removeMember({ ctx: ctx(), input: { userId: first.id } })).rejects.toMatchObject({
      code: 'last_owner',
    });
    await createTestUser(database.db, { email: 'b@clinic.test', businessId, role: 'owner' });
    await removeMember({ ctx: ctx(), input: { userId: first.id } });
    expect(await roles()).toEqual({ 'b@clinic.test': 'owner' });
  });

  it('reports someone who is not on this team, even when they belong to another business', async () => {
    const other = (await createTestBusiness(database.db)).id;
    const outsider = await createTestUser(database.db, { businessId: other, role: 'staff' });
    await expect(removeMember({ ctx: ctx(), input: { userId: outsider.id } })).rejects.toMatchObject({
      code: 'member_not_found',
    });
    expect(await forBusiness(database.db, other).members.roleOf(outsider.id)).toBe('staff');
  });
});
