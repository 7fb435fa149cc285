import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import {
  Badge,
  type BadgeTone,
  buttonClass,
  Card,
  EmptyState,
  PageHeader,
  Table,
  Td,
  Th,
} from '../../../../../components/ui.tsx';
import { formatDateTime } from '../../../../../lib/format.ts';
import { requireBusinessAccess } from '../../../../../server/auth/current-user.ts';
import { getDb } from '../../../../../server/db.ts';
import { loadBusinessTimeZone } from '../../../../../server/queries/business.ts';
import { readTenant } from '../../../../../server/queries/tenant.ts';
import { readWebhookSecret } from '../../../../../server/queries/webhooks.ts';
import { deleteWebhookAction, enableWebhookAction, redeliverWebhookAction } from '../actions.ts';

export const metadata: Metadata = { title: 'Webhook endpoint' };

const STATUS_TONES: Record<string, BadgeTone> = { pending: 'amber', succeeded: 'green', failed: 'red' };

export default async function WebhookEndpointPage({
  params,
}: {
  params: Promise<{ businessId: string; endpointId: string }>;
}) {
  const { businessId, endpointId } = await params;
  const { membership } = await requireBusinessAccess(businessId);
  const db = await getDb();
  const tenant = readTenant(db, businessId);
  const endpoint = await tenant.webhooks.getEndpoint(endpointId);
  if (endpoint === undefined) notFound();
  const timeZone = await loadBusinessTimeZone(db, businessId);
  const deliveries = await tenant.webhooks.listDeliveries(endpointId, { limit: 100 });
  const isOwner = membership.role === 'owner';
  const secret = isOwner ? await readWebhookSecret(db, businessId, endpointId) : undefined;
  const hidden = (
    <>
      <input type="hidden" name="businessId" value={businessId} />
      <input type="hidden" name="endpointId" value={endpoint.id} />
    </>
  );
  return (
    <>
      <PageHeader
        title="Webhook endpoint"
        description={<code className="break-all">{endpoint.url}</code>}
        actions={
          isOwner ? (
            <form action={deleteWebhookAction}>
              {hidden}
              <button type="submit" className={buttonClass('danger')}>
                Delete endpoint
              </button>
            </form>
          ) : null
        }
      />
      {endpoint.disabledAt !== null ? (
        <div role="alert" className="mb-6 rounded-lg bg-red-50 p-4 text-sm text-red-800 ring-1 ring-red-200">
          <p className="font-medium">Disabled {formatDateTime(endpoint.disabledAt, timeZone)}.</p>
          <p className="mt-1">{endpoint.disabledReason}</p>
          {isOwner ? (
            <form action={enableWebhookAction} className="mt-3">
              {hidden}
              <button type="submit" className={buttonClass('secondary')}>
                Enable again
              </button>
            </form>
          ) : null}
        </div>
      ) : null}
      <Card title="Details" className="mb-6">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-slate-500">Events</dt>
          <dd>{endpoint.events.join(', ')}</dd>
          <dt className="text-slate-500">Created</dt>
          <dd>{formatDateTime(endpoint.createdAt, timeZone)}</dd>
          {secret !== undefined ? (
            <>
              <dt className="text-slate-500">Signing secret</dt>
              <dd>
                <details>
                  <summary className="cursor-pointer text-brand-700">Show</summary>
                  <code className="mt-1 block break-all font-mono text-xs">{secret}</code>
                </details>
              </dd>
            </>
          ) : null}
        </dl>
      </Card>
      {deliveries.length === 0 ? (
        <EmptyState title="No deliveries yet" />
      ) : (
        <Table>
          <thead className="bg-slate-50">
            <tr>
              <Th>Event</Th>
              <Th>Status</Th>
              <Th>Attempts</Th>
              <Th>Last attempt</Th>
              <Th>Result</Th>
              <Th>Next attempt</Th>
              <Th />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {deliveries.map((delivery) => (
              <tr key={delivery.id}>
                <Td>
                  <code className="text-xs">{delivery.eventType}</code>
                  <div className="font-mono text-[11px] text-slate-500">{delivery.eventId}</div>
                </Td>
                <Td>
                  <Badge tone={STATUS_TONES[delivery.status] ?? 'gray'}>{delivery.status}</Badge>
                </Td>
                <Td>{delivery.attempts}</Td>
                <Td>{delivery.lastAttemptAt ? formatDateTime(delivery.lastAttemptAt, timeZone) : '—'}</Td>
                <Td className="max-w-xs break-words text-xs">
                  {delivery.lastResponseStatus !== null ? `HTTP ${delivery.lastResponseStatus}` : ''}
                  {delivery.lastError && delivery.lastResponseStatus === null ? delivery.lastError : ''}
                </Td>
                <Td>
                  {delivery.status === 'pending' && delivery.nextAttemptAt
                    ? formatDateTime(delivery.nextAttemptAt, timeZone)
                    : '—'}
                </Td>
                <Td className="text-right">
                  {isOwner && delivery.status !== 'pending' && endpoint.disabledAt === null ? (
                    <form action={redeliverWebhookAction}>
                      {hidden}
                      <input type="hidden" name="deliveryId" value={delivery.id} />
                      <button type="submit" className={buttonClass('secondary')}>
                        Redeliver
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
