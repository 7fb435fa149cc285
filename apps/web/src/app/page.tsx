import { redirect } from 'next/navigation';
import { listMemberships } from '../server/auth/accounts.ts';
import { requireUser } from '../server/auth/current-user.ts';
import { getDb } from '../server/db.ts';

export const dynamic = 'force-dynamic';

/** Signed in with a business → its dashboard; without one → onboarding; signed out → sign-in. */
export default async function Home() {
  const user = await requireUser();
  const [first] = await listMemberships(await getDb(), user.id);
  redirect(first === undefined ? '/onboarding' : `/b/${first.businessId}`);
}
