import { z } from 'zod';
import type { CallLogEntry } from './call-log-entry.ts';

/** What the call-log worker thread is started with (`workerData`). */
export interface CallLogWorkerOptions {
  url: string;
  authToken?: string | undefined;
  /** How long a statement waits for another writer's lock before the batch fails (and is retried). */
  busyTimeoutMs?: number | undefined;
}

/**
 * Server → worker. The entries are not parsed again: the server built them with the same types, and they
 * arrive by structured clone, not off a wire (each was parsed when read back from an outbox file).
 */
export const CallLogWorkerRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('commit'), id: z.number(), entries: z.array(z.custom<CallLogEntry>()) }),
  z.object({ type: z.literal('close') }),
]);
export type CallLogWorkerRequest = z.infer<typeof CallLogWorkerRequest>;

/** An error as it crosses the thread: what the log line and the retry decision need. */
export const WorkerError = z.object({ name: z.string(), code: z.string().optional(), message: z.string() });
export type WorkerError = z.infer<typeof WorkerError>;

/** Worker → server. */
export const CallLogWorkerReply = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('committed'),
    id: z.number(),
    rejected: z.array(z.object({ index: z.number(), error: WorkerError })),
  }),
  z.object({ type: z.literal('failed'), id: z.number(), error: WorkerError }),
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('closed') }),
]);
export type CallLogWorkerReply = z.infer<typeof CallLogWorkerReply>;

export function describeError(error: unknown): WorkerError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === 'string' && { code }) };
}

/** The error back on the server's side, for its logs (`err` keeps name, code and message). */
export function revivedError(described: WorkerError): Error {
  const error = new Error(described.message);
  error.name = described.name;
  return Object.assign(error, described.code === undefined ? {} : { code: described.code });
}
