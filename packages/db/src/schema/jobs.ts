import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { businesses } from './businesses.ts';
import { createdAtColumn, idColumn, updatedAtColumn } from './columns.ts';

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * Why a job was given up on. A `failed` job is the dead-letter queue: it never runs again on its own,
 * and `dead_reason` says why (machine-readable), `last_error` says what went wrong (for people).
 */
export const JOB_DEAD_REASONS = [
  'attempts_exhausted',
  'unknown_kind',
  'invalid_payload',
  'permanent_error',
] as const;
export type JobDeadReason = (typeof JOB_DEAD_REASONS)[number];

/** Background work off the call's hot path (summaries, usage, notifications, webhooks). */
export const jobs = sqliteTable(
  'jobs',
  {
    id: idColumn('job'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    payload: text('payload', { mode: 'json' }).$type<unknown>().notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
    runAt: integer('run_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** The worker holding the job while it runs; with `attempts` it fences late writes from a lost lease. */
    lockedBy: text('locked_by'),
    /** Epoch ms until which `locked_by` owns the running job; after that any worker may reclaim it. */
    leaseUntil: integer('lease_until'),
    deadReason: text('dead_reason', { enum: JOB_DEAD_REASONS }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    // Workers poll for due queued jobs.
    index('jobs_due_idx').on(t.runAt).where(sql`${t.status} = 'queued'`),
    // …and for running jobs whose worker stopped renewing its lease.
    index('jobs_lease_idx').on(t.leaseUntil).where(sql`${t.status} = 'running'`),
  ],
);

export type JobRow = typeof jobs.$inferSelect;
