import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { callContext, endCall, startCall } from '@receptionist/domain';
import {
  BrowserTransport,
  type CallTransport,
  type ConnectionLimits,
  TokenError,
  TwilioMediaTransport,
  verifyBrowserTicket,
  verifyStreamToken,
} from '@receptionist/telephony';
import type { Logger } from 'pino';
import type { WebSocketServer } from 'ws';
import type { BusinessDirectory } from '../business-directory.ts';
import { claimStreamToken, type Database } from '../db-reads/index.ts';
import type { EngineFactory } from '../engines.ts';
import type { VoiceEnv } from '../env.ts';
import { refuseUpgrade } from '../http/upgrade-router.ts';
import type { LiveCalls } from '../live/live-calls.ts';
import { liveCallJournal } from '../live/live-journal.ts';
import type { VoiceMetrics } from '../metrics.ts';
import { TRANSFER_RESULT_PATH } from '../twilio/transfer-paths.ts';
import type { TwilioCallControl } from '../twilio/twilio-rest.ts';
import type { CallAdmission } from './call-admission.ts';
import { CallAudioRecorder } from './call-audio-recorder.ts';
import { browserCallControl, phoneCallControl } from './call-control.ts';
import { CallJournal } from './call-journal.ts';
import type { CallLogOutbox } from './call-log-outbox.ts';
import { CallLogWriter } from './call-log-writer.ts';
import { saveCallRecording } from './call-recording-saver.ts';
import type { CallRegistry } from './call-registry.ts';
import { CallSession, type PreparedCall } from './call-session.ts';
import type { CallStarts } from './call-starts.ts';
import { claimPhoneCall } from './claim-phone-call.ts';
import { conversationConfigFor } from './conversation-config.ts';
import type { SeenTokens } from './seen-tokens.ts';
import type { TokenClaims } from './token-claims.ts';

export interface LaunchDeps {
  env: VoiceEnv;
  db: Database;
  wss: WebSocketServer;
  directory: BusinessDirectory;
  engineFactory: EngineFactory;
  registry: CallRegistry;
  /** The calls in progress as the dashboard's live view streams them. */
  liveCalls?: LiveCalls | undefined;
  /** Places for live calls; a session holds its place until it ends. */
  admission?: CallAdmission | undefined;
  /** Where every call's log writes go (never waited on by the call). */
  callLog: CallLogOutbox;
  /** Rows this server's webhook answered for and is still writing. */
  callStarts: CallStarts;
  /** Stream tokens presented to this server (the fast, local half of single use). */
  tokensSeen: SeenTokens;
  /** The database half of single use, batched per tick. */
  tokenClaims: TokenClaims;
  logger: Logger;
  metrics: VoiceMetrics;
  twilioRest: TwilioCallControl | undefined;
  isDraining: () => boolean;
  /** The clock calls run on: turn timestamps in the journal. */
  now: () => number;
  /** Per-connection limits (tests shorten the idle timeout). */
  limits?: Partial<ConnectionLimits> | undefined;
  startTimeoutMs?: number | undefined;
}

/** Room past the call's limit for the goodbye and the stream closing. */
const RECORDING_SLACK_MS = 60_000;

function refuseToken(deps: LaunchDeps, socket: Duplex, error: unknown, kind: string): void {
  const code = error instanceof TokenError ? error.code : 'invalid_token';
  deps.metrics.countError(`${kind}_${code}`);
  deps.logger.warn({ code }, `refused a ${kind} upgrade`);
  refuseUpgrade(socket, 401, 'Unauthorized');
}

async function prepareCall(
  deps: LaunchDeps,
  call: {
    callId: string;
    businessId: string;
    channel: 'phone' | 'browser';
    callerNumber?: string | undefined;
    /** Rang in or placed by us: only a placed call has a purpose to load. */
    direction: 'inbound' | 'outbound';
    /** The caller's keypad language choice, carried by the stream's `language` custom parameter. */
    language?: string | undefined;
  },
  journal: CallJournal,
  /** Starts recording the call (phone calls of businesses that record them). */
  startRecording?: (maxDurationMs: number) => void,
): Promise<PreparedCall> {
  const business = await deps.directory.load(call.businessId, call);
  // Only once the business is known: its disclosure told the caller whether the call is recorded.
  if (business.recordCalls) startRecording?.(business.limits.maxCallMs + RECORDING_SLACK_MS);
  const engines = deps.engineFactory(call);
  deps.liveCalls?.describe(call.callId, { language: business.language, callerNumber: call.callerNumber });
  journal.answered(engines.primary.name);
  return {
    config: conversationConfigFor(business, call),
    engines,
    limits: business.limits,
    humanLine: business.humanLine,
  };
}

/** The journal of one call: written through the domain's call verbs, never blocking the call. */
function journalFor(
  deps: LaunchDeps,
  input: { businessId: string; callId: string; transport: CallTransport; channel: 'phone' | 'browser' },
): CallJournal {
  // The call row records which server carries the call, with its answer (the dashboard's live view).
  const carrier = { voiceServerUrl: deps.env.publicUrl, now: deps.now };
  if (deps.liveCalls) {
    return liveCallJournal({
      ...input,
      carrier,
      live: deps.liveCalls,
      outbox: deps.callLog,
      metrics: deps.metrics,
      now: deps.now,
    });
  }
  const writer = new CallLogWriter({
    outbox: deps.callLog,
    businessId: input.businessId,
    callId: input.callId,
    carrier,
  });
  return new CallJournal({ writer, metrics: deps.metrics, playback: input.transport, now: deps.now });
}

function runSession(deps: LaunchDeps, session: CallSession, channel: 'phone' | 'browser'): void {
  deps.registry.add(session, channel);
  void session.done.finally(() => deps.liveCalls?.close(session.callId));
  deps.admission?.claim(session.callId);
  void session.done.finally(() => deps.admission?.release(session.callId));
  void session.start();
}

/** `WS /twilio/stream/<token>`: a Twilio Media Stream for a call our webhook answered. */
export async function acceptTwilioStream(
  deps: LaunchDeps,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  token: string,
): Promise<void> {
  if (deps.isDraining()) {
    refuseUpgrade(socket, 503, 'Service Unavailable');
    return;
  }
  let claims: ReturnType<typeof verifyStreamToken>;
  try {
    claims = verifyStreamToken(deps.env.sessionSecret, token);
  } catch (error) {
    refuseToken(deps, socket, error, 'stream');
    return;
  }
  // A token this server has seen is refused before the upgrade; one used on another server sharing the
  // database is caught by the claim below, which the call waits for before it is answered.
  if (!deps.tokensSeen.add(claims.tokenId, claims.expiresAtMs)) {
    deps.metrics.countError('stream_token_reused');
    deps.logger.warn({ callId: claims.callId }, 'refused a reused stream token');
    refuseUpgrade(socket, 403, 'Forbidden');
    return;
  }
  // Audio flows into the relay's buffer while the token is claimed in the database.
  const claimed = claimPhoneCall(deps, claims);
  claimed.catch(() => undefined);
  deps.wss.handleUpgrade(request, socket, head, (ws) => {
    const logger = deps.logger.child({ callId: claims.callId, channel: 'phone' });
    const transport = new TwilioMediaTransport(ws, {
      expectedCallSid: claims.callSid,
      expectedAccountSid: deps.env.twilio.accountSid,
      limits: deps.limits,
      startTimeoutMs: deps.startTimeoutMs,
      rawSocket: socket,
    });
    const journal = journalFor(deps, {
      businessId: claims.businessId,
      callId: claims.callId,
      transport,
      channel: 'phone',
    });
    // Made only for a business that records calls: no other call pays for a listener or wrapped sends.
    let recorder: CallAudioRecorder | undefined;
    const startRecording = (maxDurationMs: number) => {
      recorder = new CallAudioRecorder(transport);
      recorder.start(maxDurationMs);
    };
    transport.once('closed', () => {
      if (recorder === undefined) return;
      void saveCallRecording({
        recorder,
        db: deps.db,
        recordingsDir: deps.env.recordingsDir,
        businessId: claims.businessId,
        callId: claims.callId,
        now: deps.now,
        logger,
      });
    });
    const session = new CallSession({
      callId: claims.callId,
      transport,
      journal,
      logger,
      metrics: deps.metrics,
      control: phoneCallControl({
        callSid: claims.callSid,
        rest: deps.twilioRest,
        closeStream: () => transport.close(1000, 'call ended'),
        logger,
        transferResultUrl: `${deps.env.publicUrl}${TRANSFER_RESULT_PATH}`,
      }),
      prepare: async () => {
        // The claim has been running since the upgrade; a stream that breaks the rules is reported first.
        const start = await transport.started;
        const { callerNumber, direction } = await claimed;
        // Only a served language is taken (the directory matches it); anything else means the primary.
        const language = start.customParameters.language;
        return prepareCall(
          deps,
          {
            callId: claims.callId,
            businessId: claims.businessId,
            channel: 'phone',
            callerNumber,
            direction,
            language,
          },
          journal,
          startRecording,
        );
      },
    });
    runSession(deps, session, 'phone');
  });
}

/** `WS /browser/<ticket>`: a test call from the dashboard or an API client. */
export async function acceptBrowserCall(
  deps: LaunchDeps,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  ticket: string,
): Promise<void> {
  const origin = request.headers.origin;
  if (!origin || !deps.env.allowedOrigins.includes(origin)) {
    deps.metrics.countError('browser_bad_origin');
    deps.logger.warn({ origin }, 'refused a browser call from a foreign origin');
    refuseUpgrade(socket, 403, 'Forbidden');
    return;
  }
  if (deps.isDraining()) {
    refuseUpgrade(socket, 503, 'Service Unavailable');
    return;
  }
  let claims: ReturnType<typeof verifyBrowserTicket>;
  try {
    claims = verifyBrowserTicket(deps.env.sessionSecret, ticket);
  } catch (error) {
    refuseToken(deps, socket, error, 'browser');
    return;
  }
  if (!(await claimStreamToken(deps.db, claims.tokenId, claims.expiresAtMs))) {
    deps.metrics.countError('browser_ticket_reused');
    refuseUpgrade(socket, 403, 'Forbidden');
    return;
  }
  const ctx = callContext(deps.db, claims.businessId);
  const call = await startCall({ ctx, input: { channel: 'browser', engine: deps.env.engine } });
  const verdict = deps.admission?.tryAdmit(claims.businessId, call.id) ?? 'admitted';
  if (verdict !== 'admitted') {
    deps.metrics.countError(`calls_${verdict}`);
    deps.logger.warn({ callId: call.id, verdict }, 'no free line for a browser call');
    await endCall({ ctx, input: { callId: call.id, status: 'busy', endReason: `lines_busy_${verdict}` } });
    refuseUpgrade(socket, 503, 'Service Unavailable');
    return;
  }
  deps.wss.handleUpgrade(request, socket, head, (ws) => {
    const logger = deps.logger.child({ callId: call.id, channel: 'browser' });
    const transport = new BrowserTransport(ws, {
      limits: deps.limits,
      rawSocket: socket,
      typedLines: {
        perSecond: deps.env.abuse.typedLinesPerSecond,
        perCall: deps.env.abuse.typedLinesPerCall,
      },
    });
    const journal = journalFor(deps, {
      businessId: claims.businessId,
      callId: call.id,
      transport,
      channel: 'browser',
    });
    const session = new CallSession({
      callId: call.id,
      transport,
      journal,
      logger,
      metrics: deps.metrics,
      control: browserCallControl({ end: (reason, message) => transport.end(reason, message) }),
      prepare: () =>
        prepareCall(
          deps,
          { callId: call.id, businessId: claims.businessId, channel: 'browser', direction: 'inbound' },
          journal,
        ),
    });
    transport.sendReady(call.id, deps.env.engine);
    runSession(deps, session, 'browser');
  });
}
