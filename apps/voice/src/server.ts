import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calendarSettingsFrom, createCalendarBusyPort } from '@receptionist/calendar-sync';
import type { CalendarBusyPort } from '@receptionist/domain';
import { type ConnectionLimits, RateWindow } from '@receptionist/telephony';
import express from 'express';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { sessionsHandler } from './browser/sessions-route.ts';
import type { BusinessDirectory } from './business-directory.ts';
import { CallAdmission } from './call/call-admission.ts';
import { CallLogOutbox } from './call/call-log-outbox.ts';
import { CallRegistry } from './call/call-registry.ts';
import { CallStarts } from './call/call-starts.ts';
import { acceptBrowserCall, acceptTwilioStream, type LaunchDeps } from './call/launch-calls.ts';
import { SeenTokens } from './call/seen-tokens.ts';
import { TokenClaims } from './call/token-claims.ts';
import { CallEntitlements } from './call-entitlements.ts';
import { startCallHeartbeat } from './call-liveness.ts';
import type { Database } from './db-reads/index.ts';
import type { EngineFactory } from './engines.ts';
import type { VoiceEnv } from './env.ts';
import { httpErrorHandler } from './http/error-handler.ts';
import { mountHealthRoutes } from './http/health-routes.ts';
import { createUpgradeRouter } from './http/upgrade-router.ts';
import { webhookRateLimit } from './http/webhook-rate-limit.ts';
import { LiveCalls } from './live/live-calls.ts';
import { mountLiveRoutes } from './live/live-routes.ts';
import { createLogger } from './logger.ts';
import { VoiceMetrics } from './metrics.ts';
import { receptionistDirectory } from './receptionist-directory.ts';
import { languageChoiceHandler } from './twilio/language-choice.ts';
import { LANGUAGE_CHOICE_PATH } from './twilio/language-choice-path.ts';
import {
  OUTBOUND_AMD_PATH,
  OUTBOUND_ANSWER_PATH,
  OUTBOUND_STATUS_PATH,
  outboundAmdHandler,
  outboundAnswerHandler,
  outboundStatusHandler,
} from './twilio/outbound-webhooks.ts';
import { inboundSmsWebhookHandler, smsStatusWebhookHandler } from './twilio/sms-webhooks.ts';
import { statusWebhookHandler } from './twilio/status-webhook.ts';
import { TRANSFER_RESULT_PATH, transferResultHandler } from './twilio/transfer-result-webhook.ts';
import { createTwilioCallControl, type TwilioCallControl } from './twilio/twilio-rest.ts';
import { voiceWebhookHandler } from './twilio/voice-webhook.ts';
import {
  VOICEMAIL_CALLBACK_PATH,
  VOICEMAIL_DONE_PATH,
  voicemailDoneHandler,
  voicemailWebhookHandler,
} from './twilio/voicemail-webhook.ts';

/** Media Streams messages are ~400 bytes; browser frames at most 24 kB. Nothing legitimate comes close. */
export const MAX_WS_PAYLOAD_BYTES = 64 * 1024;
const CALL_LOG_CLOSE_TIMEOUT_MS = 5_000;

export interface VoiceServerOptions {
  env: VoiceEnv;
  db: Database;
  engineFactory: EngineFactory;
  /** The clock calls run on (`Date.now` in main.ts; tests pin a date). */
  now: () => number;
  logger?: Logger;
  /** Defaults to the receptionist domain over `db`. */
  directory?: BusinessDirectory;
  /** The booking re-check's live calendar busy time; defaults to Google when `env.calendar` is set. */
  calendars?: CalendarBusyPort | undefined;
  /** Defaults to Twilio's REST API (TWILIO_API_BASE_URL) when account SID and auth token are set. */
  twilioRest?: TwilioCallControl;
  /** Per-connection limits (tests shorten the idle timeout). */
  connectionLimits?: Partial<ConnectionLimits>;
  /**
   * Where call-log writes go. main.ts gives one with a durable file (crash recovery); by default the
   * server makes one in memory over `db`.
   */
  callLog?: CallLogOutbox;
  /** The metrics the outbox counts into, when main.ts made both. */
  metrics?: VoiceMetrics;
  /**
   * A connection whose commits do not wait for the disk on the event loop (`synchronous: normal`, the
   * call log's): for the small writes on a call's path (the stream token's claim, which server carries
   * the call) that only a power cut could undo, and then harmlessly. Defaults to `db`.
   */
  callPathDb?: Database;
  startTimeoutMs?: number;
  /** How often the calls live here are reported to the database (call-liveness.ts). */
  callHeartbeatMs?: number;
}

export interface VoiceServer {
  readonly server: Server;
  readonly metrics: VoiceMetrics;
  /** The bound port (after `listen`). */
  readonly port: number;
  readonly activeCalls: number;
  /** Reports the calls live here now and closes calls no server reports (the periodic beat, on demand). */
  heartbeat(): Promise<void>;
  /** Resolves once every call-log write enqueued so far (call rows, turns, ends) is in the database. */
  callLogSettled(): Promise<void>;
  listen(port?: number, host?: string): Promise<number>;
  /** Refuses new calls, waits up to `timeoutMs` for active calls, then ends the rest. */
  drain(timeoutMs: number): Promise<void>;
  /** Ends every call now and stops listening. */
  close(): Promise<void>;
}

/** A call admitted at its webhook whose stream never connects gives its place back after this long. */
const UNCLAIMED_CALL_TIMEOUT_MS = 60_000;

/** The voice server: Twilio webhooks, Media Streams, browser calls, health and metrics, in one process. */
export function createVoiceServer(options: VoiceServerOptions): VoiceServer {
  const { env, db } = options;
  const callPathDb = options.callPathDb ?? db;
  const logger = options.logger ?? createLogger({ level: env.logLevel });
  const metrics = options.metrics ?? new VoiceMetrics();
  const registry = new CallRegistry(metrics);
  const admission = new CallAdmission({
    maxCalls: env.abuse.maxConcurrentCalls,
    maxCallsPerBusiness: env.abuse.maxConcurrentCallsPerBusiness,
    unclaimedTimeoutMs: UNCLAIMED_CALL_TIMEOUT_MS,
  });
  const callHeartbeat = startCallHeartbeat({
    db: callPathDb,
    liveCallIds: () => registry.ids(),
    voiceServerUrl: env.publicUrl,
    now: options.now,
    logger,
    intervalMs: options.callHeartbeatMs,
  });
  const calendarSettings = calendarSettingsFrom(env.calendar);
  const calendars =
    options.calendars ??
    (calendarSettings === undefined
      ? undefined
      : createCalendarBusyPort({ db, settings: calendarSettings, now: options.now, logger }));
  const callLog = options.callLog ?? new CallLogOutbox({ db, logger, metrics });
  const callStarts = new CallStarts();
  const directory = options.directory ?? receptionistDirectory(db, options.now, { calendars, logger });
  const twilioRest =
    options.twilioRest ??
    (env.twilio.accountSid && env.twilio.authToken
      ? createTwilioCallControl({
          accountSid: env.twilio.accountSid,
          authToken: env.twilio.authToken,
          apiBaseUrl: env.twilio.apiBaseUrl,
          logger,
        })
      : undefined);
  let draining = false;
  const isDraining = () => draining;

  const app = express();
  app.disable('x-powered-by');
  app.use(express.urlencoded({ extended: false, limit: '64kb' }));
  app.use(express.json({ limit: '16kb' }));
  mountHealthRoutes(app, {
    db,
    metrics,
    logger,
    engineReady: () => true,
    isDraining,
    metricsToken: env.metricsToken,
  });
  const engineName = env.engine;
  app.use('/twilio', webhookRateLimit({ perMinute: env.abuse.webhooksPerSourcePerMinute, logger, metrics }));
  const callsPerNumber = new RateWindow({ limit: env.abuse.callsPerNumberPerMinute, windowMs: 60_000 });
  app.post(
    '/twilio/voice',
    voiceWebhookHandler({
      env,
      db,
      directory,
      logger,
      metrics,
      isDraining,
      engineName,
      admission,
      callsPerNumber,
      callLog,
      callStarts,
      entitlements: new CallEntitlements({ db, now: options.now }),
    }),
  );
  app.post(LANGUAGE_CHOICE_PATH, languageChoiceHandler({ env, db, directory, logger, metrics, callStarts }));
  app.post(
    '/twilio/status',
    statusWebhookHandler({ env, db, logger, metrics, isLiveHere: (id) => registry.has(id), callStarts }),
  );
  app.post('/twilio/sms-status', smsStatusWebhookHandler({ env, db, logger, metrics, now: options.now }));
  app.post('/twilio/sms', inboundSmsWebhookHandler({ env, db, logger, metrics, now: options.now }));
  const outbound = {
    env,
    db,
    directory,
    logger,
    metrics,
    now: options.now,
    isDraining,
    isLiveHere: (id: string) => registry.has(id),
    twilioRest,
  };
  app.post(OUTBOUND_ANSWER_PATH, outboundAnswerHandler(outbound));
  app.post(OUTBOUND_STATUS_PATH, outboundStatusHandler(outbound));
  app.post(OUTBOUND_AMD_PATH, outboundAmdHandler(outbound));
  app.post(
    VOICEMAIL_CALLBACK_PATH,
    voicemailWebhookHandler({ env, db, logger, metrics, now: options.now, callStarts }),
  );
  app.post(VOICEMAIL_DONE_PATH, voicemailDoneHandler({ env, logger, metrics }));
  app.post('/api/sessions', sessionsHandler({ env, db, logger, metrics }));
  app.post(TRANSFER_RESULT_PATH, transferResultHandler({ env, db, logger, metrics, callStarts }));
  const liveCalls = new LiveCalls({ now: options.now });
  mountLiveRoutes(app, {
    secret: env.sessionSecret,
    db,
    live: liveCalls,
    registry,
    now: options.now,
    logger,
    metrics,
  });
  app.use(httpErrorHandler({ logger, metrics }));

  const server = createServer(app);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_WS_PAYLOAD_BYTES,
    perMessageDeflate: false,
  });
  const launch: LaunchDeps = {
    env,
    db,
    wss,
    directory,
    engineFactory: options.engineFactory,
    registry,
    liveCalls,
    admission,
    callLog,
    callStarts,
    tokensSeen: new SeenTokens(options.now),
    tokenClaims: new TokenClaims(callPathDb),
    logger,
    metrics,
    twilioRest,
    isDraining,
    now: options.now,
    limits: options.connectionLimits,
    startTimeoutMs: options.startTimeoutMs,
  };
  server.on(
    'upgrade',
    createUpgradeRouter({
      logger,
      metrics,
      twilioStream: (request, socket, head, token) =>
        acceptTwilioStream(launch, request, socket, head, token),
      browserCall: (request, socket, head, ticket) =>
        acceptBrowserCall(launch, request, socket, head, ticket),
    }),
  );

  let closed = false;
  return {
    server,
    metrics,
    get port() {
      const address = server.address() as AddressInfo | null;
      return address?.port ?? 0;
    },
    get activeCalls() {
      return registry.size;
    },
    heartbeat: () => callHeartbeat.beat(),
    callLogSettled: () => callLog.whenDone(),
    async listen(port = env.voicePort, host = '0.0.0.0') {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return (server.address() as AddressInfo).port;
    },
    async drain(timeoutMs) {
      draining = true;
      logger.info({ activeCalls: registry.size, timeoutMs }, 'draining: refusing new calls');
      const idle = await registry.waitForIdle(timeoutMs);
      if (!idle) {
        logger.warn({ activeCalls: registry.size }, 'drain timeout: ending the remaining calls');
        await registry.stopAll('server_shutdown');
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      draining = true;
      callHeartbeat.stop();
      await registry.stopAll('server_shutdown');
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (options.directory === undefined) directory.close?.();
      // An outbox the server made is in memory only: give its last writes a moment to land.
      if (options.callLog === undefined) await callLog.close(CALL_LOG_CLOSE_TIMEOUT_MS);
    },
  };
}
