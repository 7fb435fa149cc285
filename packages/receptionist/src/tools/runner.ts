import type { CalendarBusyPort, DomainContext } from '@receptionist/domain';
import { actOnce, DomainError, type Executor, loadDomainContext, toE164 } from '@receptionist/domain';
import { type AnyEngineTool, defineTool, type ToolContext, type ToolResult } from '@receptionist/engine';
import { z } from 'zod';
import type { ToolCall } from './read-back.ts';

export interface ToolDependencies {
  db: Executor;
  businessId: string;
  /** The clock; the server passes the real one, tests pin it. */
  now: () => number;
  /** Live busy time of the connected calendars, for the re-check before a booking commits. */
  calendars?: CalendarBusyPort | undefined;
}

export interface ReceptionistToolSpec<Schema extends z.ZodObject> {
  name: string;
  description: string;
  /**
   * A module-level constant, not built per call: tools are built for every call, their schemas are the
   * same each time, and the OpenAI engine converts each schema to JSON schema once (by identity).
   */
  parameters: Schema;
  /** The realtime agent may call it itself: it acts on the call at once (hang up, transfer). */
  immediate?: boolean;
  /** `call` carries the caller's language right now: read-backs in `data` are worded in it. */
  run(args: z.infer<Schema>, ctx: DomainContext, call: ToolCall): Promise<ToolResult>;
  /**
   * Runs before the recorded action, outside its write transaction: the place for network checks
   * (the calendar re-check), which must never hold the database's write lock.
   */
  precheck?(args: z.infer<Schema>, ctx: DomainContext, calendars: CalendarBusyPort): Promise<unknown>;
}

/**
 * Defines a business tool with what is durable or tenant-specific (the engine's ToolRunner already parsed
 * and validated the arguments with `parameters`, and owns the timeout and the in-memory ledger):
 * - the tenant comes from the ToolContext (checked against the business the tools were built for);
 * - idempotent per (call id, tool call id): the result is recorded in tool_calls in the same write
 *   transaction as the tool's effect, and a retry returns the stored result without acting again
 *   (so the tool is `recordsOwnResult` and the call log does not write the result a second time);
 * - expected failures (DomainError, a verb rejecting its input) come back as `{ ok: false, code, message }`
 *   and anything they wrote is rolled back; unexpected errors throw (the engine reports tool_error).
 */
export function receptionistTool<Schema extends z.ZodObject>(
  deps: ToolDependencies,
  spec: ReceptionistToolSpec<Schema>,
): AnyEngineTool {
  return defineTool({
    name: spec.name,
    description: spec.description,
    parameters: spec.parameters,
    recordsOwnResult: true,
    ...(spec.immediate ? { immediate: true } : {}),
    async execute(args, context: ToolContext): Promise<ToolResult> {
      if (context.businessId !== deps.businessId) {
        throw new DomainError('invalid_input', `tool ${spec.name} was built for another business`);
      }
      if (spec.precheck !== undefined && deps.calendars !== undefined) {
        const ctx = await loadDomainContext(deps.db, deps.businessId, {
          actor: { kind: 'caller', callerNumber: context.callerNumber },
          nowMs: deps.now(),
        });
        ctx.callId = context.callId;
        ctx.callerNumber = context.callerNumber === undefined ? undefined : toE164(context.callerNumber);
        await spec.precheck(args, ctx, deps.calendars);
      }
      return actOnce({
        ctx: { db: deps.db, businessId: deps.businessId, nowMs: deps.now() },
        input: {
          callId: context.callId,
          actionId: context.toolCallId,
          name: spec.name,
          arguments: args,
          callerNumber: context.callerNumber,
        },
        act: (ctx) => spec.run(args, ctx, { language: context.language }),
        expectedFailure,
        signal: context.signal,
        storedResult: (json) => {
          const parsed = StoredToolResult.safeParse(json);
          return parsed.success ? (parsed.data as ToolResult) : undefined;
        },
      });
    },
  });
}

const StoredToolResult = z.looseObject({ ok: z.boolean(), message: z.string() });

/** Expected failures become a result the agent can say; anything else is a bug and throws. */
function expectedFailure(error: unknown): ToolResult | undefined {
  if (error instanceof DomainError) return failure(error);
  if (error instanceof z.ZodError) return invalidArguments(error);
  return undefined;
}

export function failure(error: DomainError): ToolResult {
  return {
    ok: false,
    code: error.code,
    message: error.message,
    ...(error.details ? { data: error.details } : {}),
  };
}

function invalidArguments(error: z.ZodError): ToolResult {
  const issues = error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || 'input'}: ${issue.message}`,
  );
  return {
    ok: false,
    code: 'invalid_input',
    message: "Sorry, I didn't catch all the details. Could you say that again?",
    data: { issues },
  };
}

/** Tool parameters use `.nullish()` (OpenAI strict mode sends null for "not given"); verbs want undefined. */
export function withoutNulls<T extends Record<string, unknown>>(
  args: T,
): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(args).filter(([, value]) => value !== null)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
}
