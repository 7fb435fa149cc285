import { WEBHOOK_EVENT_TYPES } from '@receptionist/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
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
import { enableWebhookAction } from './actions.ts';
import { CreateWebhookForm } from './create-webhook-form.tsx';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { membership } = await requireBusinessAccess(businessId);
  const db = await getDb();
  const timeZone = await loadBusinessTimeZone(db, businessId);
  const endpoints = await readTenant(db, businessId).webhooks.listEndpoints();
  const isOwner = membership.role === 'owner';
  const disabled = endpoints.filter((endpoint) => endpoint.disabledAt !== null);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Your systems hear about calls, bookings and messages as they happen: signed POSTs following the Standard Webhooks spec, retried for 24 hours."
      />
      {disabled.length > 0 ? (
        <div role="alert" className="mb-6 rounded-lg bg-red-50 p-4 text-sm text-red-800 ring-1 ring-red-200">
          {disabled.length === 1 ? 'One endpoint was' : `${disabled.length} endpoints were`} disabled because
          deliveries kept failing. Fix the receiver, then enable it again below.
        </div>
      ) : null}
      {isOwner ? (
        <Card title="New endpoint" className="mb-6">
          <CreateWebhookForm businessId={businessId} eventTypes={WEBHOOK_EVENT_TYPES} />
        </Card>
      ) : null}
      {endpoints.length === 0 ? (
        <EmptyState title="No webhook endpoints yet" />
      ) : (
        <Table>
          <thead className="bg-slate-50">
            <tr>
              <Th>URL</Th>
              <Th>Events</Th>
              <Th>Created</Th>
              <Th>Status</Th>
              <Th />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {endpoints.map((endpoint) => (
              <tr key={endpoint.id}>
                <Td className="break-all font-mono text-xs">
                  <Link
                    href={`/b/${businessId}/webhooks/${endpoint.id}`}
                    className="text-brand-700 hover:underline"
                  >
                    {endpoint.url}
                  </Link>
                </Td>
                <Td className="text-xs">{endpoint.events.join(', ')}</Td>
                <Td>{formatDateTime(endpoint.createdAt, timeZone)}</Td>
                <Td>
                  {endpoint.disabledAt === null ? (
                    <Badge tone="green">enabled</Badge>
                  ) : (
                    <span title={endpoint.disabledReason ?? undefined}>
                      <Badge tone="red">disabled</Badge>
                    </span>
                  )}
                </Td>
                <Td className="text-right">
                  {isOwner && endpoint.disabledAt !== null ? (
                    <form action={enableWebhookAction}>
                      <input type="hidden" name="businessId" value={businessId} />
                      <input type="hidden" name="endpointId" value={endpoint.id} />
                      <button type="submit" className={buttonClass('secondary')}>
                        Enable
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
