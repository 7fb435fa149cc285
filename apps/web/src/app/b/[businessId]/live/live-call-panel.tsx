'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { Badge, Card, cx } from '../../../../components/ui.tsx';
import { humanize } from '../../../../lib/format.ts';
import { StaffActions } from './staff-actions.tsx';

/** What the voice server streams (apps/voice/src/live/live-calls.ts), parsed loosely: unknown kinds are skipped. */
type Line =
  | { kind: 'turn'; seq: number; role: 'caller' | 'agent' | 'system'; text: string }
  | { kind: 'tool'; seq: number; name: string; status: string; message: string; latencyMs: number };

interface Summary {
  state: string;
  engine?: string;
  language?: string;
}

type Connection = 'connecting' | 'open' | 'ended' | 'lost';

function parse(data: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const ROLE_LABEL = { caller: 'Caller', agent: 'Agent', system: 'Note' } as const;

export function LiveCallPanel({ businessId, callId }: { businessId: string; callId: string }) {
  const [lines, setLines] = useState<Line[]>([]);
  const [summary, setSummary] = useState<Summary | undefined>();
  const [connection, setConnection] = useState<Connection>('connecting');
  const [endReason, setEndReason] = useState<string | undefined>();

  useEffect(() => {
    const source = new EventSource(`/b/${businessId}/live/${encodeURIComponent(callId)}/events`);
    const add = (line: Line) =>
      setLines((previous) => (previous.some((l) => l.seq === line.seq) ? previous : [...previous, line]));
    source.addEventListener('open', () => setConnection('open'));
    source.addEventListener('call', (event) => {
      const data = parse(event.data);
      if (data && typeof data.state === 'string') setSummary(data as unknown as Summary);
    });
    source.addEventListener('state', (event) => {
      const data = parse(event.data);
      if (typeof data?.state !== 'string') return;
      const state = data.state;
      const engine = typeof data.engine === 'string' ? data.engine : undefined;
      setSummary((previous) => ({ ...previous, state, ...(engine ? { engine } : {}) }));
    });
    source.addEventListener('turn', (event) => {
      const data = parse(event.data);
      if (!data || typeof data.seq !== 'number' || typeof data.text !== 'string') return;
      const role = data.role === 'caller' || data.role === 'agent' ? data.role : 'system';
      add({ kind: 'turn', seq: data.seq, role, text: data.text });
    });
    source.addEventListener('tool', (event) => {
      const data = parse(event.data);
      if (!data || typeof data.seq !== 'number' || typeof data.name !== 'string') return;
      add({
        kind: 'tool',
        seq: data.seq,
        name: data.name,
        status: String(data.status ?? ''),
        message: String(data.message ?? ''),
        latencyMs: Number(data.latencyMs ?? 0),
      });
    });
    source.addEventListener('end', (event) => {
      const data = parse(event.data);
      setEndReason(typeof data?.reason === 'string' ? data.reason : undefined);
      setConnection('ended');
      source.close();
    });
    source.addEventListener('error', () => {
      // A closed source will not retry: the call ended between two list reads, or its server is gone.
      if (source.readyState === EventSource.CLOSED) setConnection((now) => (now === 'ended' ? now : 'lost'));
    });
    return () => source.close();
  }, [businessId, callId]);

  const live = connection === 'open' || connection === 'connecting';
  return (
    <div className="space-y-4">
      <Card
        title={
          <span className="flex flex-wrap items-center gap-2">
            Transcript
            <span data-testid="live-call-state">
              {connection === 'ended' ? (
                <Badge tone="gray">Ended{endReason ? `: ${humanize(endReason)}` : ''}</Badge>
              ) : connection === 'lost' ? (
                <Badge tone="amber">Not live</Badge>
              ) : (
                <Badge tone="green">{humanize(summary?.state ?? 'connecting')}</Badge>
              )}
            </span>
            {summary?.engine ? (
              <span className="text-xs font-normal text-slate-500">{summary.engine}</span>
            ) : null}
          </span>
        }
        actions={
          <Link
            className="text-sm text-brand-700 underline"
            href={`/b/${businessId}/calls/${encodeURIComponent(callId)}`}
          >
            Call log
          </Link>
        }
      >
        {lines.length === 0 ? (
          <p className="text-sm text-slate-500">
            {connection === 'lost'
              ? 'This call is no longer live: its full record is in the call log.'
              : 'Waiting for the first words…'}
          </p>
        ) : null}
        <ol
          role="log"
          aria-live="polite"
          aria-label="Live transcript"
          className="space-y-2"
          data-testid="live-transcript"
        >
          {lines.map((line) =>
            line.kind === 'turn' ? (
              <li
                key={line.seq}
                className={cx(
                  'rounded-lg px-3 py-2 text-sm',
                  line.role === 'caller' && 'bg-slate-100 text-slate-900',
                  line.role === 'agent' && 'bg-brand-50 text-slate-900',
                  line.role === 'system' && 'bg-amber-50 text-amber-900',
                )}
              >
                <span className="mr-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
                  {ROLE_LABEL[line.role]}
                </span>
                {line.text}
              </li>
            ) : (
              <li
                key={line.seq}
                className="rounded-lg px-3 py-2 text-xs ring-1 ring-slate-200"
                data-testid="live-tool"
              >
                <span className="font-mono font-semibold">{line.name}</span>{' '}
                <Badge tone={line.status === 'ok' ? 'green' : 'red'}>{line.status}</Badge>{' '}
                <span className="text-slate-500">{Math.round(line.latencyMs)} ms</span>
                <span className="mt-1 block text-slate-600">{line.message}</span>
              </li>
            ),
          )}
        </ol>
      </Card>
      {live ? <StaffActions businessId={businessId} callId={callId} /> : null}
    </div>
  );
}
