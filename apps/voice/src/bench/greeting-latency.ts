/**
 * Benchmark: Twilio voice webhook → first greeting audio byte at the (fake) Twilio client, through the whole
 * voice server (signature check, tenant lookup, call row, token, TwiML, stream upgrade with the single-use
 * claim, `start`, business load, engine start, agent audio) with the scripted engine on a temporary database.
 *
 * Peer, same run: a bare relay that answers the webhook with static TwiML and streams pre-made audio as soon as
 * `start` arrives (no database, no tokens, no engine) — the floor any server pays for HTTP + WebSocket on this
 * machine. Prints JSON: per-call samples, median/p95 for both, and the ratio of medians.
 *
 *   npx tsx apps/voice/src/bench/greeting-latency.ts [calls=30]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createScriptedEngine } from '@receptionist/engine/testing';
import { buildStreamTwiml, encodeBase64 } from '@receptionist/telephony';
import { FakeTwilioClient, fakeSid } from '@receptionist/telephony/testing';
import { WebSocketServer } from 'ws';
import { CALLER_NUMBER, startVoiceHarness } from '../testing/voice-harness.ts';

const calls = Number(process.argv[2] ?? 30);

function summary(samples: number[]): { medianMs: number; p95Ms: number; minMs: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { medianMs: round(at(0.5)), p95Ms: round(at(0.95)), minMs: round(sorted[0] ?? Number.NaN) };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Webhook round trips of the voice server, to split the total into webhook and stream phases. */
const webhookSamples: number[] = [];

async function measureVoiceServer(): Promise<number[]> {
  const harness = await startVoiceHarness({
    engine: createScriptedEngine({ greeting: { text: 'Hello!', audioMs: 200 } }),
  });
  const samples: number[] = [];
  try {
    for (let index = 0; index < calls + 3; index += 1) {
      const call = await harness.twilio.placeCall({ from: CALLER_NUMBER, to: harness.businessNumber });
      await call.waitForAudio(1);
      if (index >= 3) {
        samples.push((call.firstAudioAtMs ?? 0) - call.answer.sentAtMs);
        webhookSamples.push(call.answer.answeredAtMs - call.answer.sentAtMs);
      }
      call.stop();
      await call.waitForClose();
    }
  } finally {
    await harness.cleanup();
  }
  return samples;
}

async function measureBareRelay(): Promise<number[]> {
  const audio = encodeBase64(new Uint8Array(1_600).fill(0x20));
  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'text/xml' }).end(
        buildStreamTwiml({
          streamUrl: 'wss://relay.example.test/stream/static',
          fallback: { kind: 'hangup' },
        }),
      );
    });
  });
  server.on('upgrade', (request, socket, head) =>
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { event: string; streamSid?: string };
        if (message.event === 'start')
          ws.send(
            JSON.stringify({ event: 'media', streamSid: message.streamSid, media: { payload: audio } }),
          );
      });
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new FakeTwilioClient({
    serverUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    publicUrl: 'https://relay.example.test',
    authToken: 'unused',
  });
  const samples: number[] = [];
  try {
    for (let index = 0; index < calls + 3; index += 1) {
      const call = await client.placeCall({
        from: CALLER_NUMBER,
        to: '+15005550006',
        callSid: fakeSid('CA'),
      });
      await call.waitForAudio(1);
      if (index >= 3) samples.push((call.firstAudioAtMs ?? 0) - call.answer.sentAtMs);
      call.close();
    }
  } finally {
    for (const ws of wss.clients) ws.terminate();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return samples;
}

const voice = await measureVoiceServer();
const relay = await measureBareRelay();
const voiceSummary = summary(voice);
const relaySummary = summary(relay);
console.log(
  JSON.stringify(
    {
      benchmark: 'webhook_to_first_greeting_audio',
      calls,
      engine: 'scripted',
      voiceServer: voiceSummary,
      voiceServerWebhookOnly: summary(webhookSamples),
      peer: { name: 'bare-relay (static TwiML + audio on start, no db/tokens/engine)', ...relaySummary },
      ratioMedian: round(voiceSummary.medianMs / relaySummary.medianMs),
      samplesMs: { voiceServer: voice.map(round), peer: relay.map(round) },
    },
    null,
    2,
  ),
);
