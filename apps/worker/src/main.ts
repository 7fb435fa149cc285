import { closeDatabase, openDatabase } from '@receptionist/domain';
import { createCallAnalyzer } from './analysis/index.ts';
import { calendarSettingsFrom } from './calendar/index.ts';
import { loadWorkerEnv, type WorkerEnv } from './env.ts';
import { WorkerConfigError } from './errors.ts';
import { createDefaultHandlers, polarBillingFrom } from './handlers/index.ts';
import { createWorkerLogger } from './logger.ts';
import { createNotificationChannels } from './notifications/channels.ts';
import { outboundCallPlacerFrom } from './outbound/twilio-calls.ts';
import { voicemailDepsFrom } from './voicemail/index.ts';
import { createWorker } from './worker.ts';

/**
 * The worker process (`npm run worker`): opens the database (migrations run), runs jobs until SIGTERM or
 * SIGINT, then lets running jobs finish for up to WORKER_DRAIN_TIMEOUT_MS. Run as many as you like on one
 * database; each job runs once.
 */
async function main(): Promise<void> {
  let env: WorkerEnv;
  try {
    env = loadWorkerEnv();
  } catch (error) {
    console.error(error instanceof WorkerConfigError ? error.message : error);
    process.exitCode = 1;
    return;
  }
  const logger = createWorkerLogger({ level: env.logLevel, redactPersonalData: env.redactPersonalData });
  if (env.twilio === undefined) {
    logger.warn('TWILIO_ACCOUNT_SID or TWILIO_AUTH_TOKEN is not set: voicemail jobs will be dead-lettered');
  }
  const db = await openDatabase({ url: env.databaseUrl, authToken: env.databaseAuthToken });
  const worker = createWorker({
    db,
    handlers: createDefaultHandlers({
      webhooks: env.webhooks,
      analyzer: createCallAnalyzer(env.analysis, logger),
      notifications: createNotificationChannels(env.notifications),
      voicemail: voicemailDepsFrom(env),
      recordingsDir: env.recordingsDir,
      polar: polarBillingFrom(env.polar),
      outboundCalls: outboundCallPlacerFrom(env.notifications),
      calendar: calendarSettingsFrom(env.calendar),
    }),
    now: Date.now,
    random: Math.random,
    logger,
    concurrency: env.concurrency,
    pollIntervalMs: env.pollIntervalMs,
    leaseMs: env.leaseMs,
    maxAttempts: env.maxAttempts,
    workerId: env.workerId,
  });
  worker.start();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, activeJobs: worker.activeJobs }, 'shutting down');
    await worker.stop({ timeoutMs: env.drainTimeoutMs });
    closeDatabase(db);
    logger.flush();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('worker failed to start:', error);
  process.exit(1);
});
