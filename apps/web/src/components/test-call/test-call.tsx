'use client';

import { useState } from 'react';
import { Badge, Button, buttonClass, Card, cx, inputClass } from '../ui.tsx';
import { useAudioDevices } from './use-audio-devices.ts';
import { useTestCall } from './use-test-call.ts';
import { AudioVisualizer } from './visualizer.tsx';

const STATUS_TONES = {
  idle: 'gray',
  connecting: 'amber',
  live: 'green',
  ended: 'gray',
  failed: 'red',
} as const;
const STATUS_LABELS = {
  idle: 'Ready',
  connecting: 'Connecting…',
  live: 'On the call',
  ended: 'Call ended',
  failed: 'Call failed',
} as const;

export function TestCall({
  businessId,
  businessName,
  ticketEndpoint,
}: {
  businessId: string;
  businessName: string;
  /** Where the call ticket comes from: members' `/api/sessions` by default, visitors' `/api/demo/sessions`. */
  ticketEndpoint?: string;
}) {
  const devices = useAudioDevices();
  const [deviceId, setDeviceId] = useState<string>('');
  const [text, setText] = useState('');
  const { state, start, hangUp, sendText } = useTestCall(businessId, ticketEndpoint);
  const inCall = state.status === 'connecting' || state.status === 'live';

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="space-y-6">
        <Card
          title={`Call ${businessName}`}
          actions={
            <div className="flex items-center gap-2">
              {state.engine ? <Badge tone="blue">engine: {state.engine}</Badge> : null}
              <Badge tone={STATUS_TONES[state.status]}>
                <span data-testid="call-status">{STATUS_LABELS[state.status]}</span>
              </Badge>
            </div>
          }
        >
          <div className="space-y-4">
            <div className="flex flex-wrap items-end gap-3">
              <label className="min-w-56 flex-1 space-y-1.5">
                <span className="block text-sm font-medium text-slate-700">Microphone</span>
                <select
                  className={inputClass}
                  value={deviceId}
                  onChange={(event) => setDeviceId(event.target.value)}
                  disabled={inCall}
                  aria-label="Microphone"
                >
                  <option value="">System default</option>
                  {devices.microphones.map((mic, index) => (
                    <option key={mic.deviceId || `mic-${mic.groupId}`} value={mic.deviceId}>
                      {mic.label || `Microphone ${index + 1}`}
                    </option>
                  ))}
                </select>
              </label>
              {devices.microphones.every((mic) => mic.label === '') ? (
                <Button variant="secondary" onClick={() => void devices.requestAccess()} disabled={inCall}>
                  Allow microphone
                </Button>
              ) : null}
              {inCall ? (
                <Button variant="danger" onClick={hangUp}>
                  Hang up
                </Button>
              ) : (
                <Button onClick={() => void start(deviceId || undefined)}>Start test call</Button>
              )}
            </div>
            {devices.error ? <p className="text-sm text-red-600">{devices.error}</p> : null}
            {state.detail && state.status !== 'live' ? (
              <p className="text-sm text-slate-600" data-testid="call-detail">
                {state.detail}
              </p>
            ) : null}
            <AudioVisualizer input={state.pipeline?.inputAnalyser} output={state.pipeline?.outputAnalyser} />
            <p className="text-xs text-slate-500">
              Blue: your microphone · Green: the receptionist · Agent audio played:{' '}
              {(state.playedMs / 1000).toFixed(1)} s{state.callId ? ` · call ${state.callId}` : ''}
            </p>
            <form
              className="flex gap-2"
              onSubmit={(event) => {
                event.preventDefault();
                sendText(text);
                setText('');
              }}
            >
              <input
                className={inputClass}
                value={text}
                onChange={(event) => setText(event.target.value)}
                placeholder={
                  state.status === 'live'
                    ? 'Type instead of speaking…'
                    : 'Start a call to type to the receptionist'
                }
                aria-label="Type a message"
                disabled={state.status !== 'live'}
              />
              <button type="submit" className={buttonClass('secondary')} disabled={state.status !== 'live'}>
                Send
              </button>
            </form>
          </div>
        </Card>
        <Card title="Live transcript">
          {state.transcript.length === 0 ? (
            <p className="text-sm text-slate-500">The conversation appears here as it happens.</p>
          ) : (
            <ol className="space-y-2" data-testid="live-transcript">
              {state.transcript.map((line) => (
                <li
                  key={`${line.role}-${line.itemId}`}
                  className={cx('flex', line.role === 'caller' ? 'justify-end' : 'justify-start')}
                >
                  <span
                    className={cx(
                      'max-w-[85%] rounded-2xl px-3.5 py-2 text-sm',
                      line.role === 'caller' ? 'bg-brand-600 text-white' : 'bg-slate-100 text-slate-800',
                      !line.final && 'opacity-60',
                    )}
                  >
                    {line.text}
                    {line.interrupted ? <em className="ml-1 text-xs opacity-75">(interrupted)</em> : null}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
      <Card title="Tool calls">
        {state.tools.length === 0 ? (
          <p className="text-sm text-slate-500">Bookings, messages and transfers show up here.</p>
        ) : (
          <ol className="space-y-2" data-testid="live-tools">
            {state.tools.map((tool) => (
              <li
                key={`${tool.toolCallId}-${tool.phase}`}
                className="rounded-md bg-slate-50 p-2.5 text-sm ring-1 ring-slate-200"
              >
                <div className="flex items-center justify-between gap-2">
                  <span className="font-mono text-xs font-semibold">{tool.name}</span>
                  <Badge tone={tool.phase === 'call' ? 'gray' : tool.ok === false ? 'red' : 'green'}>
                    {tool.phase === 'call' ? 'calling' : tool.ok === false ? 'failed' : 'done'}
                  </Badge>
                </div>
                {tool.message ? <p className="mt-1 text-xs text-slate-600">{tool.message}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
