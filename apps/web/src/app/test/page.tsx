import { redirect } from 'next/navigation';
import { listMemberships } from '../../server/auth/accounts.ts';
import { requireUser } from '../../server/auth/current-user.ts';
import { getDb } from '../../server/db.ts';

export const dynamic = 'force-dynamic';

/** `/test` is the address people are told about; the call page itself lives under the business. */
export default async function TestCallShortcut() {
  const user = await requireUser();
  const [first] = await listMemberships(await getDb(), user.id);
  redirect(first === undefined ? '/onboarding' : `/b/${first.businessId}/test`);
}
