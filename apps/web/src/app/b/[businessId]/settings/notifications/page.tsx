import type { Metadata } from 'next';
import { Card, PageHeader, Table, Td, Th } from '../../../../../components/ui.tsx';
import { requireBusinessAccess } from '../../../../../server/auth/current-user.ts';
import { getDb } from '../../../../../server/db.ts';
import { getNotificationSettings } from '../../../../../server/queries/notifications.ts';
import { NotificationsForm } from './notifications-form.tsx';

export const metadata: Metadata = { title: 'Notifications' };

export default async function NotificationsPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { user, membership } = await requireBusinessAccess(businessId);
  const settings = await getNotificationSettings(await getDb(), businessId, user.id);
  const isOwner = membership.role === 'owner';
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Who is emailed or texted about messages, bookings, voicemails and the daily digest."
      />
      <div className="space-y-8">
        <Card title="For the business">
          <NotificationsForm
            businessId={businessId}
            scope="business"
            initial={settings.business}
            readOnly={!isOwner}
          />
        </Card>
        <Card title={`For me (${user.email})`}>
          <NotificationsForm businessId={businessId} scope="me" initial={settings.mine} readOnly={false} />
        </Card>
        <Card title="Recently sent">
          {settings.recent.length === 0 ? (
            <p className="text-sm text-slate-500">Nothing sent yet.</p>
          ) : (
            <Table>
              <thead>
                <tr>
                  <Th>When</Th>
                  <Th>Channel</Th>
                  <Th>To</Th>
                  <Th>Status</Th>
                </tr>
              </thead>
              <tbody>
                {settings.recent.map((send) => (
                  <tr key={send.id}>
                    <Td>{new Date(send.createdAt).toISOString().replace('T', ' ').slice(0, 16)} UTC</Td>
                    <Td>{send.channel}</Td>
                    <Td>{send.recipient}</Td>
                    <Td>{send.errorCode === null ? send.status : `${send.status} (${send.errorCode})`}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
