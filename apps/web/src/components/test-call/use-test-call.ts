'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { AudioPipeline } from './audio-pipeline.ts';
import { type BrowserClientMessage, BrowserServerMessage, TYPED_LINE_LIMITED } from './protocol.ts';

export type CallStatus = 'idle' | 'connecting' | 'live' | 'ended' | 'failed';

export interface TranscriptLine {
  itemId: string;
  role: 'caller' | 'agent';
  text: string;
  final: boolean;
  interrupted: boolean;
}

export interface ToolEvent {
  toolCallId: string;
  name: string;
  phase: 'call' | 'result';
  ok: boolean | undefined;
  message: string | undefined;
}

export interface TestCallState {
  status: CallStatus;
  callId: string | undefined;
  engine: string | undefined;
  transcript: TranscriptLine[];
  tools: ToolEvent[];
  playedMs: number;
  detail: string | undefined;
  pipeline: AudioPipeline | undefined;
}

const INITIAL: TestCallState = {
  status: 'idle',
  callId: undefined,
  engine: undefined,
  transcript: [],
  tools: [],
  playedMs: 0,
  detail: undefined,
  pipeline: undefined,
};

/** The engine name, when the voice server includes one in `ready` (an optional extra field). */
function engineOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const engine = (raw as { engine?: unknown }).engine;
  return typeof engine === 'string' ? engine : undefined;
}

/** One browser test call: ticket, audio pipeline, WebSocket, and the live transcript it produces. */
export function useTestCall(businessId: string, ticketEndpoint = '/api/sessions') {
  const [state, setState] = useState<TestCallState>(INITIAL);
  const socketRef = useRef<WebSocket | undefined>(undefined);
  const pipelineRef = useRef<AudioPipeline | undefined>(undefined);
  const liveRef = useRef(false);

  const send = useCallback((message: BrowserClientMessage) => {
    const socket = socketRef.current;
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }, []);

  const teardown = useCallback(async () => {
    liveRef.current = false;
    const pipeline = pipelineRef.current;
    pipelineRef.current = undefined;
    socketRef.current = undefined;
    await pipeline?.stop();
  }, []);

  const handleControl = useCallback((text: string) => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      console.warn('voice server sent non-JSON text');
      return;
    }
    const parsed = BrowserServerMessage.safeParse(raw);
    if (!parsed.success) {
      console.info('unknown message from the voice server', raw);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        liveRef.current = true;
        setState((s) => ({
          ...s,
          status: 'live',
          callId: message.callId,
          engine: engineOf(raw) ?? s.engine,
        }));
        break;
      case 'transcript':
        setState((s) => {
          const line: TranscriptLine = {
            itemId: message.itemId,
            role: message.role,
            text: message.text,
            final: message.final,
            interrupted: message.interrupted ?? false,
          };
          const index = s.transcript.findIndex((l) => l.itemId === message.itemId && l.role === message.role);
          const transcript = [...s.transcript];
          if (index === -1) transcript.push(line);
          else transcript[index] = line;
          return { ...s, transcript };
        });
        break;
      case 'tool':
        setState((s) => ({
          ...s,
          tools: [
            ...s.tools,
            {
              toolCallId: message.toolCallId,
              name: message.name,
              phase: message.phase,
              ok: message.ok,
              message: message.message,
            },
          ],
        }));
        break;
      case 'mark':
        pipelineRef.current?.mark(message.name);
        break;
      case 'clear':
        pipelineRef.current?.clear();
        break;
      case 'end':
        setState((s) => ({ ...s, status: 'ended', detail: message.message ?? message.reason }));
        break;
      case 'error':
        // A typed line refused by the server's flood limit leaves the call up: say so, keep talking.
        if (message.code === TYPED_LINE_LIMITED) {
          setState((s) => ({ ...s, detail: message.message }));
          break;
        }
        setState((s) => ({ ...s, status: 'failed', detail: message.message }));
        break;
    }
  }, []);

  const start = useCallback(
    async (deviceId: string | undefined) => {
      setState({ ...INITIAL, status: 'connecting' });
      try {
        const response = await fetch(ticketEndpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ businessId }),
        });
        if (!response.ok) {
          // The server's sentence (e.g. "try again in 40 s" when rate-limited) says more than a status.
          const refusal = (await response.json().catch(() => undefined)) as
            | { error?: { message?: string } }
            | undefined;
          throw new Error(refusal?.error?.message ?? `Could not start a call (${response.status})`);
        }
        const { url } = (await response.json()) as { url: string };
        const pipeline = await AudioPipeline.start(deviceId, {
          onCapturedFrame: (frame) => {
            const socket = socketRef.current;
            if (liveRef.current && socket?.readyState === WebSocket.OPEN) socket.send(frame);
          },
          onMarkPlayed: (name) => send({ type: 'played', name }),
          onPlayedMs: (playedMs) => setState((s) => ({ ...s, playedMs })),
        });
        pipelineRef.current = pipeline;
        setState((s) => ({ ...s, pipeline }));
        const socket = new WebSocket(url);
        socket.binaryType = 'arraybuffer';
        socketRef.current = socket;
        socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
          if (typeof event.data === 'string') handleControl(event.data);
          else pipelineRef.current?.play(event.data);
        };
        socket.onclose = (event) => {
          setState((s) => ({
            ...s,
            status: s.status === 'failed' ? 'failed' : s.status === 'connecting' ? 'failed' : 'ended',
            detail:
              s.detail ??
              (event.reason || (s.status === 'connecting' ? 'The voice server refused the call' : undefined)),
            pipeline: undefined,
          }));
          void teardown();
        };
        socket.onerror = () => {
          setState((s) => ({ ...s, detail: s.detail ?? 'Could not reach the voice server' }));
        };
      } catch (error) {
        await teardown();
        setState((s) => ({
          ...s,
          status: 'failed',
          pipeline: undefined,
          detail: error instanceof Error ? error.message : 'The call could not start',
        }));
      }
    },
    [businessId, ticketEndpoint, handleControl, send, teardown],
  );

  const hangUp = useCallback(() => {
    send({ type: 'end' });
    socketRef.current?.close(1000, 'caller hung up');
  }, [send]);

  const sendText = useCallback(
    (text: string) => {
      const trimmed = text.trim();
      if (trimmed === '') return;
      send({ type: 'text', text: trimmed.slice(0, 2000) });
    },
    [send],
  );

  const sendDigit = useCallback((digit: string) => send({ type: 'dtmf', digit }), [send]);

  useEffect(
    () => () => {
      socketRef.current?.close(1000, 'page closed');
      void teardown();
    },
    [teardown],
  );

  return { state, start, hangUp, sendText, sendDigit };
}
