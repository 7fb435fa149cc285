import './gc-tuning.ts';
import { closeDatabase, openDatabase, seedDemoIntoEmptyDatabase } from '@receptionist/domain';
import type { Worker } from '@receptionist/worker';
import { CallLogOutbox } from './call/call-log-outbox.ts';
import { OutboxFile } from './call/call-log-outbox-file.ts';
import { recoverCallLogOutboxes } from './call/call-log-recovery.ts';
import { startCallHousekeeping } from './call-housekeeping.ts';
import { closeAbandonedCalls } from './call-liveness.ts';
import { createEngineFactory, loadEngineConstructors } from './engines.ts';
import { loadVoiceEnv, VoiceConfigError } from './env.ts';
import { createLogger } from './logger.ts';
import { VoiceMetrics } from './metrics.ts';
import { createVoiceServer } from './server.ts';

const RECOVERY_TIMEOUT_MS = 30_000;
const CALL_LOG_CLOSE_TIMEOUT_MS = 10_000;

/**
 * The voice server process (`tsx apps/voice/src/main.ts`): opens the database (migrations run), closes calls
 * a crash left open, seeds the demo business into an empty database, starts listening, drains on SIGTERM.
 * Unless WORKER=off it also runs the job worker (the cold path) in this process, for one-process installs.
 */
async function main(): Promise<void> {
  let loaded: ReturnType<typeof loadVoiceEnv>;
  try {
    loaded = loadVoiceEnv();
  } catch (error) {
    console.error(error instanceof VoiceConfigError ? error.message : error);
    process.exitCode = 1;
    return;
  }
  const { env, warnings } = loaded;
  const logger = createLogger({ level: env.logLevel, redactPersonalData: env.redactPersonalData });
  for (const warning of warnings) logger.warn(warning);

  const db = await openDatabase({ url: env.databaseUrl, authToken: env.databaseAuthToken });
  // Call-log writes a killed process left in its outbox land first, so the sweep below sees the true ends.
  const metrics = new VoiceMetrics();
  const callLogFile = await OutboxFile.create(env.callLogOutboxDir, logger);
  // Its own connection: its batches commit without an fsync on the event loop's thread (the outbox file,
  // fsync'd on the thread pool, is what makes the call log crash-safe).
  const callLogDb = await openDatabase({
    url: env.databaseUrl,
    authToken: env.databaseAuthToken,
    migrate: false,
    connections: 1,
    synchronous: 'normal',
  });
  const callLog = new CallLogOutbox({ db: callLogDb, file: callLogFile, logger, metrics });
  await recoverCallLogOutboxes({
    dir: env.callLogOutboxDir,
    outbox: callLog,
    file: callLogFile,
    logger,
    timeoutMs: RECOVERY_TIMEOUT_MS,
  });
  // Other voice servers may share this database: only calls nobody reports live are closed.
  const interrupted = await closeAbandonedCalls(db, Date.now());
  if (interrupted.length > 0)
    logger.warn({ count: interrupted.length }, 'closed calls a previous crash left open');
  if (await seedDemoIntoEmptyDatabase(db)) {
    logger.info('empty database: seeded the demo business (Bright Smile Dental, +15005550006)');
  }

  const engineFactory = createEngineFactory(
    env,
    await loadEngineConstructors(logger, { engine: env.engine }),
    logger,
  );
  const voice = createVoiceServer({
    env,
    db,
    engineFactory,
    logger,
    now: Date.now,
    callLog,
    metrics,
    callPathDb: callLogDb,
  });
  const port = await voice.listen(env.voicePort);
  const housekeeping = startCallHousekeeping({ db, now: Date.now, logger });
  logger.info(
    {
      port,
      engine: env.engine,
      twilioVoiceWebhook: `${env.publicUrl}/twilio/voice`,
      twilioStatusCallback: `${env.publicUrl}/twilio/status`,
      browserCalls: `${env.publicUrl.replace(/^http/, 'ws')}/browser/<ticket>`,
    },
    `voice server listening on http://localhost:${port} (public ${env.publicUrl})`,
  );

  let worker: Worker | undefined;
  if (env.worker !== undefined) {
    // Loaded only here: with WORKER=off (as `npm start` runs it) the voice server never carries the cold
    // path's modules (mail, Polar, Google, the Responses client): about 45 MB of resident memory.
    const {
      calendarSettingsFrom,
      createCallAnalyzer,
      createDefaultHandlers,
      createNotificationChannels,
      createWorker,
      outboundCallPlacerFrom,
      polarBillingFrom,
      voicemailDepsFrom,
    } = await import('@receptionist/worker');
    const workerLogger = logger.child({ component: 'worker' });
    worker = createWorker({
      db,
      handlers: createDefaultHandlers({
        webhooks: env.worker.webhooks,
        analyzer: createCallAnalyzer(env.workerAnalysis, workerLogger),
        notifications: createNotificationChannels(env.worker.notifications),
        voicemail: voicemailDepsFrom(env.worker),
        recordingsDir: env.worker.recordingsDir,
        polar: polarBillingFrom(env.worker.polar),
        outboundCalls: outboundCallPlacerFrom(env.worker.notifications),
        calendar: calendarSettingsFrom(env.calendar),
      }),
      now: Date.now,
      random: Math.random,
      logger: workerLogger,
      concurrency: env.worker.concurrency,
      pollIntervalMs: env.worker.pollIntervalMs,
      leaseMs: env.worker.leaseMs,
      maxAttempts: env.worker.maxAttempts,
      workerId: env.worker.workerId,
    });
    worker.start();
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, activeCalls: voice.activeCalls }, 'shutting down');
    // Calls drain first: a call that ends while draining may still enqueue its post-call job.
    await voice.drain(env.drainTimeoutMs);
    housekeeping.stop();
    await worker?.stop({ timeoutMs: env.worker?.drainTimeoutMs });
    await voice.close();
    // What has not landed by then stays in the outbox file and is written at the next start.
    await callLog.close(CALL_LOG_CLOSE_TIMEOUT_MS);
    closeDatabase(callLogDb);
    closeDatabase(db);
    logger.info('voice server stopped');
    logger.flush();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('voice server failed to start:', error);
  process.exit(1);
});
