import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge, Card, PageHeader, Stat } from '../../../../../components/ui.tsx';
import { formatDateTime, formatDuration, formatMs, formatTime, humanize } from '../../../../../lib/format.ts';
import { requireBusinessAccess } from '../../../../../server/auth/current-user.ts';
import { getDb } from '../../../../../server/db.ts';
import { loadBusinessTimeZone } from '../../../../../server/queries/business.ts';
import { findCallRecording } from '../../../../../server/queries/call-recordings.ts';
import { percentile } from '../../../../../server/queries/stats.ts';
import { readTenant } from '../../../../../server/queries/tenant.ts';
import { AnalysisCard, analysisOf, UnkeptPromiseFlag } from '../analysis-view.tsx';
import { CallNowButton } from '../call-now-button.tsx';
import { OUTCOME_TONES, statusTone } from '../outcome.ts';
import { buildTimeline } from './timeline.ts';

export const metadata: Metadata = { title: 'Call' };

function Json({ value }: { value: unknown }) {
  return (
    <pre className="max-h-48 overflow-auto rounded-md bg-slate-50 p-2 text-xs leading-relaxed text-slate-700 ring-1 ring-slate-200">
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** Who the receptionist would call back: the caller of an inbound call, the callee of an outbound one. */
function otherParty(call: {
  direction: string;
  channel: string;
  fromNumber: string | null;
  toNumber: string | null;
}) {
  if (call.channel !== 'phone') return undefined;
  return (call.direction === 'outbound' ? call.toNumber : call.fromNumber) ?? undefined;
}

export default async function CallDetailPage({
  params,
}: {
  params: Promise<{ businessId: string; callId: string }>;
}) {
  const { businessId, callId } = await params;
  await requireBusinessAccess(businessId);
  const db = await getDb();
  const call = await readTenant(db, businessId).calls.get(callId);
  if (call === undefined) notFound();
  const timeZone = await loadBusinessTimeZone(db, businessId);
  const timeline = buildTimeline(call);
  const recording = await findCallRecording(db, businessId, callId);
  const latencies = call.turns
    .flatMap((t) => (t.latencyMs === null ? [] : [t.latencyMs]))
    .sort((a, b) => a - b);
  return (
    <>
      <Link href={`/b/${businessId}/calls`} className="text-sm text-brand-600 hover:underline">
        ← All calls
      </Link>
      <PageHeader
        title={`Call · ${formatDateTime(call.startedAt, timeZone)}`}
        description={`${call.direction === 'outbound' ? `Outbound to ${call.toNumber ?? 'unknown'}` : (call.fromNumber ?? (call.channel === 'browser' ? 'Browser test call' : 'Unknown caller'))} · ${humanize(call.channel)} · engine ${call.engine}`}
        actions={
          <div className="flex items-center gap-2">
            {otherParty(call) ? (
              <CallNowButton
                businessId={businessId}
                to={otherParty(call)!}
                purpose="callback"
                returnTo={`/b/${businessId}/calls/${callId}`}
              />
            ) : null}
            <UnkeptPromiseFlag analysis={analysisOf(call)} />
            {call.outcome ? <Badge tone={OUTCOME_TONES[call.outcome]}>{humanize(call.outcome)}</Badge> : null}
            <Badge tone={statusTone(call.status)}>{humanize(call.status)}</Badge>
          </div>
        }
      />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="Length" value={formatDuration(call.durationMs)} />
        <Stat label="End reason" value={<span className="text-lg">{humanize(call.endReason)}</span>} />
        <Stat
          label="Latency p50"
          value={formatMs(percentile(latencies, 0.5))}
          hint={`${latencies.length} agent turns`}
        />
        <Stat label="Latency p95" value={formatMs(percentile(latencies, 0.95))} />
      </div>
      {recording ? (
        <Card title="Recording" className="mt-6">
          <div className="flex flex-wrap items-center gap-3" data-testid="call-recording">
            {/* biome-ignore lint/a11y/useMediaCaption: the transcript below is the text of this audio */}
            <audio controls preload="none" src={`/b/${businessId}/calls/${callId}/recording`} />
            <a
              className="text-sm text-brand-600 hover:underline"
              href={`/b/${businessId}/calls/${callId}/recording?download=1`}
            >
              Download
            </a>
            <span className="text-xs text-slate-500">
              {formatDuration(recording.durationMs)} · deleted after{' '}
              {formatDateTime(recording.expiresAt, timeZone)}
            </span>
          </div>
        </Card>
      ) : null}
      <AnalysisCard analysis={analysisOf(call)} summary={call.summary} />
      <Card title="Transcript" className="mt-6">
        {timeline.length === 0 ? (
          <p className="text-sm text-slate-500">Nothing was said on this call.</p>
        ) : (
          <ol className="space-y-3" data-testid="transcript">
            {timeline.map((entry) =>
              entry.kind === 'turn' ? (
                <li
                  key={entry.turn.id}
                  className={`flex ${entry.turn.role === 'caller' ? 'justify-end' : 'justify-start'}`}
                >
                  <div
                    className={`max-w-[80%] rounded-2xl px-4 py-2.5 text-sm ${
                      entry.turn.role === 'caller'
                        ? 'bg-brand-600 text-white'
                        : entry.turn.role === 'agent'
                          ? 'bg-slate-100 text-slate-800'
                          : 'bg-amber-50 text-amber-900 ring-1 ring-amber-200'
                    }`}
                  >
                    <p className="whitespace-pre-wrap">{entry.turn.text}</p>
                    <p
                      className={`mt-1 text-[11px] ${entry.turn.role === 'caller' ? 'text-brand-100' : 'text-slate-600'}`}
                    >
                      {humanize(entry.turn.role)} · {formatTime(entry.atMs, timeZone)}
                      {entry.turn.latencyMs !== null
                        ? ` · ${Math.round(entry.turn.latencyMs)} ms to first audio`
                        : ''}
                      {entry.turn.interrupted ? ' · interrupted by the caller' : ''}
                    </p>
                  </div>
                </li>
              ) : (
                <li
                  key={entry.toolCall.id}
                  className="rounded-lg border border-slate-200 bg-white p-3 text-sm"
                >
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-mono text-xs font-semibold text-slate-800">
                      {entry.toolCall.name}
                    </span>
                    <Badge
                      tone={
                        entry.toolCall.status === 'ok'
                          ? 'green'
                          : entry.toolCall.status === 'pending'
                            ? 'gray'
                            : 'red'
                      }
                    >
                      {entry.toolCall.status}
                    </Badge>
                    <span className="text-xs text-slate-500">
                      {formatTime(entry.atMs, timeZone)} · {formatMs(entry.toolCall.latencyMs)}
                    </span>
                  </div>
                  <div className="mt-2 grid gap-2 md:grid-cols-2">
                    <div>
                      <p className="mb-1 text-xs font-medium text-slate-500">Arguments</p>
                      <Json value={entry.toolCall.arguments} />
                    </div>
                    <div>
                      <p className="mb-1 text-xs font-medium text-slate-500">Result</p>
                      <Json value={entry.toolCall.result} />
                    </div>
                  </div>
                </li>
              ),
            )}
          </ol>
        )}
      </Card>
    </>
  );
}
