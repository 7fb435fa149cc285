import type { Metadata } from 'next';
import Link from 'next/link';
import {
  Badge,
  ButtonLink,
  buttonClass,
  EmptyState,
  inputClass,
  PageHeader,
  Table,
  Td,
  Th,
} from '../../../../components/ui.tsx';
import { localDayEndMs, localDayStartMs } from '../../../../lib/date-range.ts';
import { formatDateTime, formatDuration, humanize } from '../../../../lib/format.ts';
import { requireBusinessAccess } from '../../../../server/auth/current-user.ts';
import { getDb } from '../../../../server/db.ts';
import { loadBusinessTimeZone } from '../../../../server/queries/business.ts';
import { listCallsPage } from '../../../../server/queries/calls.ts';
import { CALL_OUTCOMES, type CallOutcome } from '../../../../server/queries/types.ts';
import { CallFilterFields, parseCallFilters } from './call-filters.tsx';
import { SearchSnippet } from './search-snippet.tsx';
import { analysisOf, UnkeptPromiseFlag } from './analysis-view.tsx';
import { OUTCOME_TONES, statusTone } from './outcome.ts';

export const metadata: Metadata = { title: 'Calls' };

interface CallsSearch {
  from?: string;
  to?: string;
  outcome?: string;
  q?: string;
  direction?: string;
  booked?: string;
  message?: string;
  sort?: string;
  cursor?: string;
}

export default async function CallsPage({
  params,
  searchParams,
}: {
  params: Promise<{ businessId: string }>;
  searchParams: Promise<CallsSearch>;
}) {
  const { businessId } = await params;
  await requireBusinessAccess(businessId);
  const search = await searchParams;
  const db = await getDb();
  const timeZone = await loadBusinessTimeZone(db, businessId);
  const outcome = CALL_OUTCOMES.includes(search.outcome as CallOutcome)
    ? (search.outcome as CallOutcome)
    : undefined;
  const extra = parseCallFilters(search);
  const page = await listCallsPage(db, businessId, {
    fromMs: localDayStartMs(search.from, timeZone),
    toMs: localDayEndMs(search.to, timeZone),
    outcome,
    search: search.q?.slice(0, 200),
    ...extra,
    cursor: search.cursor,
  });
  const base = `/b/${businessId}/calls`;
  const filters = new URLSearchParams();
  for (const key of ['from', 'to', 'outcome', 'q', 'direction', 'booked', 'message', 'sort'] as const) {
    const value = search[key];
    if (value) filters.set(key, value);
  }
  const nextHref = page.nextCursor
    ? `${base}?${new URLSearchParams([...filters, ['cursor', page.nextCursor]]).toString()}`
    : undefined;
  return (
    <>
      <PageHeader
        title="Calls"
        description="Every call, newest first. Search finds words in any line of a transcript or in the summary."
      />
      <form
        method="get"
        className="mb-5 grid gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-5"
      >
        <input
          name="q"
          defaultValue={search.q}
          placeholder="Search transcripts…"
          aria-label="Search transcripts"
          className={`${inputClass} sm:col-span-2`}
        />
        <input
          name="from"
          type="date"
          defaultValue={search.from}
          aria-label="From date"
          className={inputClass}
        />
        <input name="to" type="date" defaultValue={search.to} aria-label="To date" className={inputClass} />
        <div className="flex gap-2">
          <select name="outcome" defaultValue={outcome ?? ''} aria-label="Outcome" className={inputClass}>
            <option value="">All outcomes</option>
            {CALL_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {humanize(o)}
              </option>
            ))}
          </select>
        </div>
        <CallFilterFields values={search} />
        <div className="flex items-end">
          <button type="submit" className={buttonClass('primary')}>
            Filter
          </button>
        </div>
      </form>
      {page.calls.length === 0 ? (
        <EmptyState title="No calls match">
          Place a{' '}
          <Link className="text-brand-600 underline" href={`/b/${businessId}/test`}>
            test call
          </Link>{' '}
          to see one here.
        </EmptyState>
      ) : (
        <Table>
          <thead className="bg-slate-50">
            <tr>
              <Th>Started</Th>
              <Th>Caller</Th>
              <Th>Channel</Th>
              <Th>Length</Th>
              <Th>Outcome</Th>
              <Th>Status</Th>
              <Th>Engine</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100" data-testid="calls-table">
            {page.calls.map((call) => (
              <tr key={call.id} className="hover:bg-slate-50">
                <Td>
                  <Link className="font-medium text-brand-700 hover:underline" href={`${base}/${call.id}`}>
                    {formatDateTime(call.startedAt, timeZone)}
                  </Link>
                </Td>
                <Td className="max-w-md">
                  <div>
                    {call.direction === 'outbound'
                      ? `→ ${call.toNumber ?? 'Unknown'}`
                      : (call.fromNumber ?? (call.channel === 'browser' ? 'Browser test' : 'Unknown'))}
                  </div>
                  <SearchSnippet parts={page.snippets[call.id]} />
                  {call.summary && page.snippets[call.id] === undefined ? (
                    <p
                      className="truncate text-xs text-slate-500"
                      title={call.summary}
                      data-testid="call-summary-line"
                    >
                      {call.summary}
                    </p>
                  ) : null}
                </Td>
                <Td>
                  {humanize(call.channel)}
                  {call.direction === 'outbound' ? (
                    <span className="ml-1">
                      <Badge tone="blue">outbound</Badge>
                    </span>
                  ) : null}
                </Td>
                <Td>{formatDuration(call.durationMs)}</Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    {call.outcome ? (
                      <Badge tone={OUTCOME_TONES[call.outcome]}>{humanize(call.outcome)}</Badge>
                    ) : (
                      '—'
                    )}
                    <UnkeptPromiseFlag analysis={analysisOf(call)} />
                  </div>
                </Td>
                <Td>
                  <Badge tone={statusTone(call.status)}>{humanize(call.status)}</Badge>
                </Td>
                <Td className="text-slate-500">{call.engine}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <div className="mt-4 flex justify-between">
        {search.cursor ? (
          <ButtonLink variant="secondary" href={`${base}?${filters.toString()}`}>
            ← Newest
          </ButtonLink>
        ) : (
          <span />
        )}
        {nextHref ? (
          <ButtonLink variant="secondary" href={nextHref}>
            Older →
          </ButtonLink>
        ) : null}
      </div>
    </>
  );
}
