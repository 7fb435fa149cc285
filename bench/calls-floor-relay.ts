/**
 * The floor for the call benchmark: the least a Node relay on `ws` can do for a phone call, to show how much
 * of a relay's cost is the machine (loopback TCP system calls, WebSocket framing) rather than the relay.
 * Webhook → TwiML → media stream; per call one socket to the realtime peer. Caller frames are parsed and
 * forwarded as `input_audio_buffer.append`; agent audio deltas are parsed and forwarded as Twilio `media`
 * with a `mark` after each 100 ms, as our relay does. No validation, no logging, no tools, no call log, no
 * barge-in: not a product, a lower bound. Writes are held until the end of the tick, as in our relay.
 *
 * Usage: node --import tsx bench/calls-floor-relay.ts <realtime ws url>  (reports {type:'listening', port})
 */
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { createRelayHttpServer } from './calls-relay-http.ts';

const realtimeUrlArgument = process.argv[2];
if (!realtimeUrlArgument) throw new Error('usage: calls-floor-relay.ts <realtime ws url>');
const realtimeUrl: string = realtimeUrlArgument;

/** A mark after this many μ-law bytes of agent audio (100 ms at 8 kHz). */
const MARK_EVERY_BYTES = 800;

const corked = new Set<Socket>();
function sendThisTick(socket: Socket | undefined, ws: WebSocket, text: string): void {
  if (socket && !corked.has(socket)) {
    socket.cork();
    corked.add(socket);
    if (corked.size === 1)
      process.nextTick(() => {
        for (const each of corked) each.uncork();
        corked.clear();
      });
  }
  ws.send(text);
}

const httpServer = createRelayHttpServer();

const mediaServer = new WebSocketServer({ noServer: true, perMessageDeflate: false });
httpServer.on('upgrade', (request, socket, head) => {
  mediaServer.handleUpgrade(request, socket, head, (twilio) => relay(twilio, socket as Socket));
});

function relay(twilio: WebSocket, twilioSocket: Socket): void {
  let streamSid = '';
  let unmarkedBytes = 0;
  let marks = 0;
  let realtimeSocket: Socket | undefined;
  const realtime = new WebSocket(realtimeUrl, {
    headers: { Authorization: 'Bearer sk-bench' },
    perMessageDeflate: false,
  });
  realtime.on('upgrade', (response) => {
    realtimeSocket = response.socket as Socket;
  });
  // Caller audio that arrives before the realtime socket is open waits for it, as in our relay.
  const waiting: string[] = [];
  realtime.on('open', () => {
    realtime.send(
      JSON.stringify({
        type: 'session.update',
        session: { type: 'realtime', audio: { input: { format: { type: 'audio/pcmu' } } } },
      }),
    );
    for (const text of waiting.splice(0)) realtime.send(text);
  });
  realtime.on('message', (data) => {
    const event = JSON.parse(data.toString()) as { type?: string; delta?: string };
    if (event.type !== 'response.output_audio.delta' || typeof event.delta !== 'string') return;
    if (twilio.readyState !== WebSocket.OPEN) return;
    sendThisTick(
      twilioSocket,
      twilio,
      JSON.stringify({ event: 'media', streamSid, media: { payload: event.delta } }),
    );
    unmarkedBytes += Buffer.byteLength(event.delta, 'base64');
    if (unmarkedBytes >= MARK_EVERY_BYTES) {
      unmarkedBytes = 0;
      sendThisTick(
        twilioSocket,
        twilio,
        JSON.stringify({ event: 'mark', streamSid, mark: { name: `m${++marks}` } }),
      );
    }
  });
  realtime.on('error', () => twilio.close());
  realtime.on('close', () => twilio.close());

  twilio.on('message', (data) => {
    const message = JSON.parse(data.toString()) as {
      event?: string;
      start?: { streamSid?: string };
      media?: { payload?: string };
    };
    if (message.event === 'media' && typeof message.media?.payload === 'string') {
      const append = JSON.stringify({ type: 'input_audio_buffer.append', audio: message.media.payload });
      if (realtime.readyState === WebSocket.OPEN) sendThisTick(realtimeSocket, realtime, append);
      else if (realtime.readyState === WebSocket.CONNECTING) waiting.push(append);
    } else if (message.event === 'start') {
      streamSid = message.start?.streamSid ?? '';
    } else if (message.event === 'stop') {
      twilio.close();
    }
  });
  twilio.on('close', () => realtime.close());
}

httpServer.listen(0, '127.0.0.1', () => {
  const { port } = httpServer.address() as AddressInfo;
  process.send?.({ type: 'listening', port });
});

// Exit through process.exit on SIGTERM so `--cpu-prof` can write its profile.
process.on('SIGTERM', () => process.exit(0));
