import type { Metadata } from 'next';
import {
  Badge,
  buttonClass,
  Card,
  EmptyState,
  PageHeader,
  Table,
  Td,
  Th,
} from '../../../../components/ui.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { requireBusinessAccess } from '../../../../server/auth/current-user.ts';
import { getDb } from '../../../../server/db.ts';
import { loadBusinessTimeZone } from '../../../../server/queries/business.ts';
import { readTenant } from '../../../../server/queries/tenant.ts';
import { revokeApiKeyAction } from './actions.ts';
import { CreateKeyForm } from './create-key-form.tsx';

export const metadata: Metadata = { title: 'API keys' };

export default async function ApiKeysPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { membership } = await requireBusinessAccess(businessId);
  const db = await getDb();
  const timeZone = await loadBusinessTimeZone(db, businessId);
  const keys = await readTenant(db, businessId).apiKeys.list();
  const isOwner = membership.role === 'owner';
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys for the REST API at <code className="rounded bg-slate-100 px-1 text-slate-700">/api/v1</code>
            . Send them as{' '}
            <code className="rounded bg-slate-100 px-1 text-slate-700">Authorization: Bearer rk_…</code>.
          </>
        }
      />
      {isOwner ? (
        <Card title="New key" className="mb-6">
          <CreateKeyForm businessId={businessId} />
        </Card>
      ) : null}
      {keys.length === 0 ? (
        <EmptyState title="No API keys yet" />
      ) : (
        <Table>
          <thead className="bg-slate-50">
            <tr>
              <Th>Name</Th>
              <Th>Key</Th>
              <Th>Created</Th>
              <Th>Last used</Th>
              <Th>Status</Th>
              <Th />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {keys.map((key) => (
              <tr key={key.id}>
                <Td className="font-medium text-slate-900">{key.name}</Td>
                <Td className="font-mono text-xs">{key.prefix}…</Td>
                <Td>{formatDateTime(key.createdAt, timeZone)}</Td>
                <Td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt, timeZone) : 'Never'}</Td>
                <Td>
                  {key.revokedAt ? <Badge tone="red">revoked</Badge> : <Badge tone="green">active</Badge>}
                </Td>
                <Td className="text-right">
                  {isOwner && !key.revokedAt ? (
                    <form action={revokeApiKeyAction}>
                      <input type="hidden" name="businessId" value={businessId} />
                      <input type="hidden" name="apiKeyId" value={key.id} />
                      <button type="submit" className={buttonClass('danger')}>
                        Revoke
                      </button>
                    </form>
                  ) : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
