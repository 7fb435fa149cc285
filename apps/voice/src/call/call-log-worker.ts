/**
 * The call-log worker thread (call-log-worker-store.ts starts it): owns its own connection to the
 * database and commits the outbox's batches there, so no call-log statement runs on the thread that
 * carries calls' audio. Each message is one batch; each reply says what the domain refused, or why the
 * batch failed (the outbox then retries it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { closeDatabase, openDatabase } from '@receptionist/domain/call-log';
import { commitCallLogBatch } from './call-log-commit.ts';
import {
  type CallLogWorkerOptions,
  type CallLogWorkerReply,
  CallLogWorkerRequest,
  describeError,
} from './call-log-worker-protocol.ts';

const options = workerData as CallLogWorkerOptions;
const port = parentPort;
if (port === null) throw new Error('call-log-worker.ts runs as a worker thread');

const opened = openDatabase({
  url: options.url,
  authToken: options.authToken,
  busyTimeoutMs: options.busyTimeoutMs,
  migrate: false,
  connections: 1,
  // The outbox file, fsync'd by the voice server, is what makes the call log crash-safe.
  synchronous: 'normal',
});
// A database that does not open is reported with each batch (the server retries until it opens).
opened.then(
  () => port.postMessage({ type: 'ready' } satisfies CallLogWorkerReply),
  () => undefined,
);

port.on('message', async (message: unknown) => {
  const request = CallLogWorkerRequest.safeParse(message);
  if (!request.success) return;
  if (request.data.type === 'close') {
    const db = await opened.catch(() => undefined);
    if (db !== undefined) closeDatabase(db);
    port.postMessage({ type: 'closed' } satisfies CallLogWorkerReply);
    return;
  }
  const { id, entries } = request.data;
  let reply: CallLogWorkerReply;
  try {
    const rejected = await commitCallLogBatch(await opened, entries);
    reply = {
      type: 'committed',
      id,
      rejected: rejected.map(({ index, error }) => ({ index, error: describeError(error) })),
    };
  } catch (error) {
    reply = { type: 'failed', id, error: describeError(error) };
  }
  port.postMessage(reply);
});
