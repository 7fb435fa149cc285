import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge, buttonClass, cx, EmptyState, PageHeader } from '../../../../components/ui.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { requireBusinessAccess } from '../../../../server/auth/current-user.ts';
import { getDb } from '../../../../server/db.ts';
import { loadBusinessTimeZone } from '../../../../server/queries/business.ts';
import { readTenant } from '../../../../server/queries/tenant.ts';
import { type VoicemailView, voicemailsByMessage } from '../../../../server/queries/voicemails.ts';
import { CallNowButton } from '../calls/call-now-button.tsx';
import { setMessageHandledAction } from './actions.ts';

export const metadata: Metadata = { title: 'Messages' };

const URGENCY_TONES = { low: 'gray', normal: 'blue', high: 'red' } as const;

/** A voicemail's player (served to members only by the audio route), or a note while it is fetched. */
function VoicemailPlayer({
  businessId,
  voicemail,
}: {
  businessId: string;
  voicemail: VoicemailView | undefined;
}) {
  if (voicemail === undefined) return null;
  if (voicemail.audioPath === null) {
    return <p className="mt-2 text-xs text-slate-500">Voicemail audio is being fetched…</p>;
  }
  const src = `/b/${businessId}/voicemails/${voicemail.id}/audio`;
  return (
    <div className="mt-2 flex flex-wrap items-center gap-3" data-testid="voicemail">
      <Badge tone="blue">voicemail · {voicemail.durationSeconds} s</Badge>
      {/* biome-ignore lint/a11y/useMediaCaption: the transcript is shown beside the player */}
      <audio controls preload="none" src={src} className="h-8" />
      <a className="text-xs text-brand-600 hover:underline" href={src} download>
        download
      </a>
    </div>
  );
}

export default async function MessagesPage({
  params,
  searchParams,
}: {
  params: Promise<{ businessId: string }>;
  searchParams: Promise<{ show?: string; callError?: string }>;
}) {
  const { businessId } = await params;
  await requireBusinessAccess(businessId);
  const { show, callError } = await searchParams;
  const showHandled = show === 'all';
  const db = await getDb();
  const timeZone = await loadBusinessTimeZone(db, businessId);
  const messages = await readTenant(db, businessId).messages.list({
    handled: showHandled ? undefined : false,
    limit: 200,
  });
  const voicemails = await voicemailsByMessage(
    db,
    businessId,
    messages.map((message) => message.id),
  );
  const base = `/b/${businessId}/messages`;
  return (
    <>
      <PageHeader
        title="Messages"
        description="Messages the receptionist took for you."
        actions={
          <div className="flex rounded-md bg-white p-0.5 text-sm shadow-sm ring-1 ring-slate-200">
            <Link
              href={base}
              className={cx('rounded px-3 py-1.5', !showHandled && 'bg-slate-100 font-medium')}
            >
              Open
            </Link>
            <Link
              href={`${base}?show=all`}
              className={cx('rounded px-3 py-1.5', showHandled && 'bg-slate-100 font-medium')}
            >
              All
            </Link>
          </div>
        }
      />
      {callError ? (
        <p className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-700" role="alert">
          The call could not be placed: {callError}
        </p>
      ) : null}
      {messages.length === 0 ? (
        <EmptyState title={showHandled ? 'No messages yet' : 'Inbox zero'}>
          {showHandled ? 'Messages taken on calls appear here.' : 'Every message has been handled.'}
        </EmptyState>
      ) : (
        <ul className="space-y-3" data-testid="messages">
          {messages.map((message) => (
            <li
              key={message.id}
              className={cx(
                'flex flex-wrap items-start justify-between gap-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200',
                message.handled && 'opacity-60',
              )}
            >
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-slate-900">{message.callerName ?? 'Unknown caller'}</span>
                  {message.callerNumber ? (
                    <span className="text-sm text-slate-500">{message.callerNumber}</span>
                  ) : null}
                  <Badge tone={URGENCY_TONES[message.urgency]}>{message.urgency}</Badge>
                  {message.handled ? <Badge tone="green">handled</Badge> : null}
                </div>
                <p className="mt-1.5 text-sm text-slate-700">{message.reason}</p>
                <VoicemailPlayer businessId={businessId} voicemail={voicemails.get(message.id)} />
                <p className="mt-1 text-xs text-slate-500">
                  {formatDateTime(message.createdAt, timeZone)}
                  {message.callId ? (
                    <>
                      {' · '}
                      <Link
                        className="text-brand-600 hover:underline"
                        href={`/b/${businessId}/calls/${message.callId}`}
                      >
                        view call
                      </Link>
                    </>
                  ) : null}
                </p>
              </div>
              <div className="flex items-center gap-2">
                {message.callerNumber && !message.handled ? (
                  <CallNowButton
                    businessId={businessId}
                    to={message.callerNumber}
                    purpose="callback"
                    messageId={message.id}
                    returnTo={base}
                    label="Call back"
                  />
                ) : null}
                <form action={setMessageHandledAction}>
                  <input type="hidden" name="businessId" value={businessId} />
                  <input type="hidden" name="messageId" value={message.id} />
                  <input type="hidden" name="handled" value={message.handled ? 'false' : 'true'} />
                  <button type="submit" className={buttonClass(message.handled ? 'ghost' : 'secondary')}>
                    {message.handled ? 'Reopen' : 'Mark handled'}
                  </button>
                </form>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
