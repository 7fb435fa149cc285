import { type Executor, forBusiness, type TenantDb } from '@receptionist/db';
import { z } from 'zod';
import type { DomainContext } from '../availability/index.ts';
import { toE164 } from '../customers/phone.ts';
import { loadProfileFor } from '../profile/store.ts';
import { CallId, parseCallInput } from './context.ts';

/** What an action on a call answers: `ok` decides whether its writes stay. */
export interface CallActionResult {
  ok: boolean;
}

export const ActOnceInput = z.object({
  callId: CallId,
  /** The engine's id for this invocation: with the call id it makes a retry idempotent. */
  actionId: z.string().trim().min(1).max(200),
  /** The tool's name, as the call log shows it. */
  name: z.string().trim().min(1).max(100),
  arguments: z.unknown(),
  /** Caller ID as the carrier gave it; normalised to E.164 for verification. */
  callerNumber: z.string().optional(),
});
export type ActOnceInput = z.input<typeof ActOnceInput>;

/**
 * Runs one action the caller asked for (a tool call) exactly once per (call id, action id):
 * - its result is recorded in tool_calls in the same write transaction as its effect, so a retry (a
 *   replayed event, a reconnect, a second voice server) returns the stored result without acting again;
 * - it runs in a savepoint, so a result with `ok: false` or an expected error leaves nothing written;
 * - `expectedFailure` turns an expected error (a DomainError, a verb rejecting its input) into a result
 *   that is recorded like any other; anything else throws and nothing is recorded;
 * - `signal` cancels it: checked once the write lock is held and again just before the commit, so an
 *   action whose caller gave up (a tool timeout) rolls back instead of committing behind their back.
 */
export async function actOnce<Result extends CallActionResult>({
  ctx,
  input,
  act,
  expectedFailure,
  storedResult,
  signal,
}: {
  ctx: { db: Executor; businessId: string; nowMs: number };
  /** Aborted when whoever asked stopped waiting: nothing may commit after that. */
  signal?: AbortSignal | undefined;
  input: ActOnceInput;
  act: (ctx: DomainContext) => Promise<Result>;
  expectedFailure: (error: unknown) => Result | undefined;
  /** Reads a stored result back (undefined when it no longer parses: the action runs again). */
  storedResult: (json: unknown) => Result | undefined;
}): Promise<Result> {
  const parsed = parseCallInput(ActOnceInput, input);
  const startedAt = performance.now();
  const tenant = forBusiness(ctx.db, ctx.businessId);
  const stored = await findStored(tenant, parsed, storedResult);
  if (stored !== undefined) return stored;
  signal?.throwIfAborted();

  return tenant.transaction(async (tx) => {
    // The wait for the write lock may have outlasted the caller's patience.
    signal?.throwIfAborted();
    // Re-check under the write lock: a concurrent retry may have finished meanwhile.
    const raced = await findStored(tx, parsed, storedResult);
    if (raced !== undefined) return raced;
    const domain: DomainContext = {
      tenant: tx,
      profile: await loadProfileFor(tx),
      nowMs: ctx.nowMs,
      callId: parsed.callId,
      callerNumber: parsed.callerNumber === undefined ? undefined : toE164(parsed.callerNumber),
    };
    const result = await inSavepoint(domain, act, expectedFailure);
    await tx.calls.recordToolCall(parsed.callId, {
      toolCallId: parsed.actionId,
      name: parsed.name,
      arguments: parsed.arguments,
      result,
      status: result.ok ? 'ok' : 'failed',
      latencyMs: Math.round(performance.now() - startedAt),
    });
    // Last chance to roll back: past this point the effect is committed and must be reported.
    signal?.throwIfAborted();
    return result;
  });
}

async function findStored<Result>(
  tenant: TenantDb,
  input: { callId: string; actionId: string },
  read: (json: unknown) => Result | undefined,
): Promise<Result | undefined> {
  const row = await tenant.calls.findToolCall(input.callId, input.actionId);
  if (row === undefined || row.status === 'pending' || row.result === null) return undefined;
  return read(row.result);
}

async function inSavepoint<Result extends CallActionResult>(
  ctx: DomainContext,
  act: (ctx: DomainContext) => Promise<Result>,
  expectedFailure: (error: unknown) => Result | undefined,
): Promise<Result> {
  try {
    return await ctx.tenant.transaction(async (tenant) => {
      const result = await act({ ...ctx, tenant });
      // A failure result must not keep partial writes either.
      if (!result.ok) throw new FailedResult(result);
      return result;
    });
  } catch (error) {
    if (error instanceof FailedResult) return error.result as Result;
    const failure = expectedFailure(error);
    if (failure !== undefined) return failure;
    throw error;
  }
}

class FailedResult extends Error {
  constructor(readonly result: CallActionResult) {
    super('the action answered ok: false');
    this.name = new.target.name;
  }
}
