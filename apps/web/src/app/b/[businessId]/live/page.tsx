import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge, cx, EmptyState, PageHeader } from '../../../../components/ui.tsx';
import { formatTime, humanize } from '../../../../lib/format.ts';
import { requireBusinessAccess } from '../../../../server/auth/current-user.ts';
import { systemClock } from '../../../../server/clock.ts';
import { getDb } from '../../../../server/db.ts';
import { loadBusinessTimeZone } from '../../../../server/queries/business.ts';
import { listLiveCalls } from '../../../../server/queries/live-calls.ts';
import { LiveCallPanel } from './live-call-panel.tsx';
import { RefreshEvery } from './refresh-every.tsx';

export const metadata: Metadata = { title: 'Live calls' };

/** How often the list of calls in progress is read again (a selected call streams on its own). */
const LIST_REFRESH_MS = 3_000;

export default async function LiveCallsPage({
  params,
  searchParams,
}: {
  params: Promise<{ businessId: string }>;
  searchParams: Promise<{ call?: string }>;
}) {
  const { businessId } = await params;
  const { call: selectedId } = await searchParams;
  await requireBusinessAccess(businessId);
  const db = await getDb();
  const [calls, timeZone] = await Promise.all([
    listLiveCalls(db, businessId, systemClock()),
    loadBusinessTimeZone(db, businessId),
  ]);
  const selected = calls.find((call) => call.id === selectedId);
  return (
    <>
      <PageHeader
        title="Live calls"
        description="Calls in progress right now. Open one to follow its transcript and step in: take it over, hang up, or whisper a note to the agent."
      />
      <RefreshEvery ms={LIST_REFRESH_MS} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,18rem)_minmax(0,1fr)]">
        <section aria-labelledby="live-list-heading">
          <h2 id="live-list-heading" className="sr-only">
            Calls in progress
          </h2>
          {calls.length === 0 ? (
            <EmptyState title="No calls in progress">
              Calls appear here as soon as they are answered. Try a test call.
            </EmptyState>
          ) : (
            <ul className="space-y-2" data-testid="live-call-list">
              {calls.map((call) => (
                <li key={call.id}>
                  <Link
                    href={`/b/${businessId}/live?call=${encodeURIComponent(call.id)}`}
                    aria-current={call.id === selected?.id ? 'true' : undefined}
                    className={cx(
                      'block rounded-lg bg-white px-4 py-3 ring-1 ring-slate-200 transition hover:ring-brand-300',
                      'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600',
                      call.id === selected?.id && 'ring-2 ring-brand-500',
                    )}
                  >
                    <span className="flex items-center justify-between gap-2">
                      <span className="truncate text-sm font-medium text-slate-900">
                        {call.fromNumber ??
                          (call.channel === 'browser' ? 'Browser test call' : 'Unknown caller')}
                      </span>
                      <Badge tone="green">Live</Badge>
                    </span>
                    <span className="mt-1 block text-xs text-slate-500">
                      {humanize(call.direction)} · {humanize(call.channel)} · {call.engine} · since{' '}
                      {formatTime(call.startedAt, timeZone)}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="live-call-heading" className="min-w-0">
          <h2 id="live-call-heading" className="sr-only">
            Selected call
          </h2>
          {selectedId ? (
            // Kept mounted while the list refreshes: an ended call's transcript stays on screen.
            <LiveCallPanel key={selectedId} businessId={businessId} callId={selectedId} />
          ) : (
            <EmptyState title="Select a call">
              Its transcript and tool calls stream here as they happen.
            </EmptyState>
          )}
        </section>
      </div>
    </>
  );
}
