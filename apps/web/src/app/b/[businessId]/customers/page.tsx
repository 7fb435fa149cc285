import type { Metadata } from 'next';
import {
  buttonClass,
  EmptyState,
  inputClass,
  PageHeader,
  Table,
  Td,
  Th,
} from '../../../../components/ui.tsx';
import { formatDate } from '../../../../lib/format.ts';
import { requireBusinessAccess } from '../../../../server/auth/current-user.ts';
import { getDb } from '../../../../server/db.ts';
import { loadBusinessTimeZone } from '../../../../server/queries/business.ts';
import { readTenant } from '../../../../server/queries/tenant.ts';

export const metadata: Metadata = { title: 'Customers' };

export default async function CustomersPage({
  params,
  searchParams,
}: {
  params: Promise<{ businessId: string }>;
  searchParams: Promise<{ q?: string }>;
}) {
  const { businessId } = await params;
  await requireBusinessAccess(businessId);
  const { q } = await searchParams;
  const db = await getDb();
  const timeZone = await loadBusinessTimeZone(db, businessId);
  const customers = await readTenant(db, businessId).customers.list({
    search: q?.slice(0, 100),
    limit: 200,
  });
  return (
    <>
      <PageHeader
        title="Customers"
        description="People who booked or left a message, keyed by phone number."
      />
      <form method="get" className="mb-5 flex max-w-md gap-2">
        <input
          name="q"
          defaultValue={q}
          placeholder="Search by name or number"
          aria-label="Search customers"
          className={inputClass}
        />
        <button type="submit" className={buttonClass('secondary')}>
          Search
        </button>
      </form>
      {customers.length === 0 ? (
        <EmptyState title="No customers yet">Callers who book an appointment show up here.</EmptyState>
      ) : (
        <Table>
          <thead className="bg-slate-50">
            <tr>
              <Th>Name</Th>
              <Th>Phone</Th>
              <Th>Notes</Th>
              <Th>Since</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {customers.map((customer) => (
              <tr key={customer.id}>
                <Td className="font-medium text-slate-900">{customer.name ?? '—'}</Td>
                <Td>{customer.phone}</Td>
                <Td className="text-slate-500">{customer.notes ?? ''}</Td>
                <Td>{formatDate(customer.createdAt, timeZone)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
