import type { Metadata } from 'next';
import { Badge, Button, ButtonLink, Card, PageHeader, Table, Td, Th } from '../../../../../components/ui.tsx';
import { getEnv } from '../../../../../env.ts';
import { requireBusinessAccess } from '../../../../../server/auth/current-user.ts';
import { getDb } from '../../../../../server/db.ts';
import { getCalendarSettings } from '../../../../../server/queries/calendar.ts';
import { chooseCalendarsAction, disconnectCalendarAction, revokeFeedAction } from './actions.ts';
import { FeedForm } from './feed-form.tsx';

export const metadata: Metadata = { title: 'Calendar' };

const OUTCOMES: Record<string, string> = {
  connected: 'Google Calendar connected. Its busy time is being synced.',
  failed: 'Google Calendar could not be connected. Please try again.',
  denied: 'Google Calendar access was not granted.',
};

export default async function CalendarSettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ businessId: string }>;
  searchParams: Promise<{ calendar?: string }>;
}) {
  const { businessId } = await params;
  const { calendar: outcome } = await searchParams;
  const { membership } = await requireBusinessAccess(businessId);
  const isOwner = membership.role === 'owner';
  const configured = getEnv().calendar !== undefined;
  const settings = await getCalendarSettings(await getDb(), businessId);
  const connectUrl = (scope: 'business' | 'me') =>
    `/api/calendar/google/connect?businessId=${businessId}&for=${scope}`;
  return (
    <>
      <PageHeader
        title="Calendar"
        description="Google Calendar sync (busy time blocks bookings; bookings appear in Google) and subscribable ICS feeds."
      />
      <div className="space-y-8">
        {outcome && OUTCOMES[outcome] ? <p className="text-sm text-slate-700">{OUTCOMES[outcome]}</p> : null}
        <Card title="Google Calendar">
          {!configured ? (
            <p className="text-sm text-slate-500">
              Not set up on this server: set GOOGLE_CALENDAR_CLIENT_ID, GOOGLE_CALENDAR_CLIENT_SECRET and
              CALENDAR_TOKEN_KEY.
            </p>
          ) : (
            <div className="space-y-6">
              {settings.connections.map((connection) => (
                <form key={connection.id} action={chooseCalendarsAction} className="space-y-3">
                  <input type="hidden" name="businessId" value={businessId} />
                  <input type="hidden" name="connectionId" value={connection.id} />
                  <div className="flex items-center gap-3">
                    <span className="font-medium">{connection.accountEmail}</span>
                    {connection.memberUserId === null ? <Badge>business</Badge> : <Badge>staff</Badge>}
                    {connection.status === 'reconnect' ? (
                      <>
                        <Badge tone="red">reconnect needed</Badge>
                        <ButtonLink
                          variant="secondary"
                          href={connectUrl(connection.memberUserId === null ? 'business' : 'me')}
                        >
                          Reconnect
                        </ButtonLink>
                      </>
                    ) : (
                      <Badge tone="green">connected</Badge>
                    )}
                  </div>
                  <Table>
                    <thead>
                      <tr>
                        <Th>Calendar</Th>
                        <Th>Blocks availability</Th>
                        <Th>Receives bookings</Th>
                        <Th>Last synced</Th>
                      </tr>
                    </thead>
                    <tbody>
                      {connection.calendars.map((calendar) => (
                        <tr key={calendar.calendarId}>
                          <Td>{calendar.summary}</Td>
                          <Td>
                            <input
                              type="checkbox"
                              name="blocking"
                              value={calendar.calendarId}
                              defaultChecked={calendar.blocksAvailability}
                              disabled={!isOwner}
                              aria-label={`${calendar.summary} blocks availability`}
                            />
                          </Td>
                          <Td>
                            <input
                              type="radio"
                              name="booking"
                              value={calendar.calendarId}
                              defaultChecked={connection.bookingCalendarId === calendar.calendarId}
                              disabled={!isOwner}
                              aria-label={`${calendar.summary} receives bookings`}
                            />
                          </Td>
                          <Td>
                            {calendar.syncedAt === null
                              ? 'not yet'
                              : `${new Date(calendar.syncedAt).toISOString().replace('T', ' ').slice(0, 16)} UTC`}
                          </Td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                  {isOwner ? (
                    <div className="flex gap-2">
                      <Button type="submit">Save calendars</Button>
                      <Button type="submit" variant="secondary" formAction={disconnectCalendarAction}>
                        Disconnect
                      </Button>
                    </div>
                  ) : null}
                </form>
              ))}
              <div className="flex flex-wrap gap-2">
                {isOwner ? (
                  <ButtonLink href={connectUrl('business')}>Connect the business calendar</ButtonLink>
                ) : null}
                <ButtonLink variant="secondary" href={connectUrl('me')}>
                  Connect my calendar
                </ButtonLink>
              </div>
            </div>
          )}
        </Card>
        <Card title="ICS feeds">
          <div className="space-y-4">
            <FeedForm businessId={businessId} isOwner={isOwner} />
            {settings.feeds.length === 0 ? null : (
              <Table>
                <thead>
                  <tr>
                    <Th>Feed</Th>
                    <Th>Created</Th>
                    <Th> </Th>
                  </tr>
                </thead>
                <tbody>
                  {settings.feeds.map((feed) => (
                    <tr key={feed.id}>
                      <Td>{feed.memberUserId === null ? 'Business' : 'Staff member'}</Td>
                      <Td>{new Date(feed.createdAt).toISOString().slice(0, 10)}</Td>
                      <Td>
                        {isOwner ? (
                          <form action={revokeFeedAction}>
                            <input type="hidden" name="businessId" value={businessId} />
                            <input type="hidden" name="feedId" value={feed.id} />
                            <Button type="submit" variant="secondary">
                              Revoke
                            </Button>
                          </form>
                        ) : null}
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </div>
        </Card>
      </div>
    </>
  );
}
