/**
 * The peer baseline for the call benchmark: a minimal Twilio ↔ OpenAI Realtime relay built the way the
 * Agents SDK documents it (`TwilioRealtimeTransportLayer` from @openai/agents-extensions + a
 * `RealtimeSession`, examples/realtime-twilio), with the explicit μ-law formats the research notes say it
 * needs. Same job as our voice server's phone path, nothing else: webhook → TwiML → media stream → SDK.
 *
 * Usage: node --import tsx bench/calls-peer-relay.ts <realtime ws url>  (reports {type:'listening', port})
 */
import type { AddressInfo } from 'node:net';
import { RealtimeAgent, RealtimeSession } from '@openai/agents/realtime';
import { TwilioRealtimeTransportLayer } from '@openai/agents-extensions';
import { WebSocketServer } from 'ws';
import { createRelayHttpServer, MEDIA_STREAM_PATH } from './calls-relay-http.ts';

const realtimeUrl = process.argv[2];
if (!realtimeUrl) throw new Error('usage: calls-peer-relay.ts <realtime ws url>');

const agent = new RealtimeAgent({ name: 'Receptionist', instructions: 'You are a receptionist.' });
let sessionErrors = 0;

const httpServer = createRelayHttpServer();

const mediaServer = new WebSocketServer({ server: httpServer, path: MEDIA_STREAM_PATH });
mediaServer.on('connection', (twilioWebSocket) => {
  const transport = new TwilioRealtimeTransportLayer({ twilioWebSocket });
  const session = new RealtimeSession(agent, {
    transport,
    model: 'gpt-realtime',
    tracingDisabled: true,
    config: {
      audio: {
        input: { format: { type: 'audio/pcmu' }, turnDetection: { type: 'server_vad' } },
        output: { format: { type: 'audio/pcmu' }, voice: 'marin' },
      },
    },
  });
  session.on('error', () => {
    sessionErrors++;
  });
  session.connect({ apiKey: 'sk-bench', url: realtimeUrl }).catch(() => {
    sessionErrors++;
    twilioWebSocket.close();
  });
});

httpServer.listen(0, '127.0.0.1', () => {
  const { port } = httpServer.address() as AddressInfo;
  process.send?.({ type: 'listening', port });
});

process.on('message', (message: { type: string }) => {
  if (message.type === 'errors') process.send?.({ type: 'errors', sessionErrors });
});

// Exit through process.exit on SIGTERM so `--cpu-prof` can write its profile.
process.on('SIGTERM', () => process.exit(0));
