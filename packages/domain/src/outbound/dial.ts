import type { OutboundCallRow, TenantDb } from '@receptionist/db';
import type { DomainContext } from '../availability/index.ts';
import { endCall } from '../calls/end-call.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';
import { allowedSendTime, contactRefusal, localDayStart, nextLocalDay } from './contact-rules.ts';

/** What the worker should do with one `outbound.dial` job. */
export type DialDecision =
  | { kind: 'dial'; outbound: OutboundCallRow; to: string; from: string; callId: string }
  /** Waits for quiet hours to end or for tomorrow's cap: a new job is queued for `until`. */
  | { kind: 'deferred'; until: number; reason: string }
  /** The call is no longer wanted (cancelled or moved appointment, opted out…): ended, not dialled. */
  | { kind: 'skipped'; reason: string }
  /** A duplicate or late job for an attempt that already happened. */
  | { kind: 'stale' };

/** Why an outbound call's purpose no longer holds (the appointment changed), or undefined. */
async function purposeGone(tenant: TenantDb, outbound: OutboundCallRow, nowMs: number) {
  if (outbound.appointmentId === null) return undefined;
  const appointment = await tenant.appointments.get(outbound.appointmentId);
  if (appointment === undefined || appointment.status !== 'booked') return 'appointment_cancelled';
  if (outbound.purpose === 'reminder' && appointment.startAt !== outbound.appointmentStartAt)
    return 'appointment_moved';
  if (appointment.startAt <= nowMs) return 'appointment_past';
  return undefined;
}

/** Ends an outbound call that will not be dialled again (its call row too, so the log shows why). */
export async function closeOutbound(
  ctx: { tenant: TenantDb },
  outbound: OutboundCallRow,
  status: 'skipped' | 'failed' | 'no_answer' | 'busy',
  reason: string,
): Promise<void> {
  await ctx.tenant.outbound.update(outbound.id, { status, lastError: reason });
  const callStatus = status === 'skipped' ? 'canceled' : status;
  await endCall({
    ctx,
    input: { callId: outbound.callId, status: callStatus, endReason: `outbound_${reason}` },
  });
}

async function defer(
  ctx: DomainContext,
  outbound: OutboundCallRow,
  attempt: number,
  until: number,
  reason: string,
): Promise<DialDecision> {
  await ctx.tenant.transaction(async (tenant) => {
    await tenant.outbound.update(outbound.id, { nextAttemptAt: until });
    await enqueueJob({
      ctx: { tenant, nowMs: ctx.nowMs },
      input: { kind: JOB_KINDS.outboundDial, payload: { outboundId: outbound.id, attempt }, runAt: until },
    });
  });
  return { kind: 'deferred', until, reason };
}

/**
 * Decides, at dial time, whether attempt `attempt` of an outbound call goes out now. Every rule is checked
 * again (the request may be hours old): do-not-contact and STOP, the appointment still booked at the same
 * time and not past, the callee's quiet hours, the business's daily cap. When it goes out, the attempt is
 * claimed (`dialing`, attempts + 1) before Twilio is asked, so a retried job never dials twice.
 */
export async function beginOutboundDial({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: { outboundId: string; attempt: number };
}): Promise<DialDecision> {
  const outbound = await ctx.tenant.outbound.get(input.outboundId);
  if (outbound === undefined || outbound.status !== 'queued' || outbound.attempts !== input.attempt) {
    return { kind: 'stale' };
  }
  const refusal = await contactRefusal(ctx.tenant, outbound.toNumber);
  const gone = refusal ?? (await purposeGone(ctx.tenant, outbound, ctx.nowMs));
  if (gone !== undefined) {
    await ctx.tenant.transaction((tenant) => closeOutbound({ tenant }, outbound, 'skipped', gone));
    return { kind: 'skipped', reason: gone };
  }
  const allowed = await allowedSendTime(ctx.tenant, ctx.profile, outbound.toNumber, ctx.nowMs);
  if (allowed === undefined) {
    await ctx.tenant.transaction((tenant) =>
      closeOutbound({ tenant }, outbound, 'skipped', 'no_allowed_hours'),
    );
    return { kind: 'skipped', reason: 'no_allowed_hours' };
  }
  if (allowed > ctx.nowMs) return defer(ctx, outbound, input.attempt, allowed, 'quiet_hours');
  const dialsToday = await ctx.tenant.outbound.countDialsSince(localDayStart(ctx.profile, ctx.nowMs));
  if (dialsToday >= ctx.profile.outbound.dailyCallCap) {
    const tomorrow = nextLocalDay(ctx.profile, ctx.nowMs);
    const until = (await allowedSendTime(ctx.tenant, ctx.profile, outbound.toNumber, tomorrow)) ?? tomorrow;
    return defer(ctx, outbound, input.attempt, until, 'daily_cap');
  }
  const claimed = await ctx.tenant.outbound.transition(outbound.id, ['queued'], {
    status: 'dialing',
    attempts: outbound.attempts + 1,
    lastDialAt: ctx.nowMs,
    answeredBy: null,
    twilioCallSid: null,
  });
  if (claimed === undefined) return { kind: 'stale' };
  return {
    kind: 'dial',
    outbound: claimed,
    to: claimed.toNumber,
    from: claimed.fromNumber,
    callId: claimed.callId,
  };
}

/** Twilio's answer to the create: the CallSid, or an error a retry cannot fix, or one it might. */
export type DialOutcome =
  | { kind: 'placed'; callSid: string }
  | { kind: 'refused'; code: number; message: string }
  | { kind: 'retryable'; message: string };

/**
 * Records how Twilio took the create. A refusal (invalid number 21211, no permission for the country
 * 21215…) ends the call as failed; a retryable error (429, 5xx) counts as an attempt and retries per the
 * business's policy, like a busy line.
 */
export async function recordDialOutcome({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: { outboundId: string; outcome: DialOutcome };
}): Promise<OutboundCallRow | undefined> {
  const outbound = await ctx.tenant.outbound.get(input.outboundId);
  if (outbound === undefined || outbound.status !== 'dialing') return outbound;
  const { outcome } = input;
  if (outcome.kind === 'placed') {
    return ctx.tenant.transaction(async (tenant) => {
      await tenant.outbound.setCallDialState(outbound.callId, {
        status: 'ringing',
        twilioCallSid: outcome.callSid,
      });
      return tenant.outbound.update(outbound.id, { twilioCallSid: outcome.callSid });
    });
  }
  if (outcome.kind === 'refused') {
    await ctx.tenant.transaction((tenant) =>
      closeOutbound({ tenant }, outbound, 'failed', `twilio_${outcome.code}`),
    );
    return ctx.tenant.outbound.get(outbound.id);
  }
  return retryOrClose(ctx, outbound, 'failed', outcome.message);
}

/**
 * After an attempt that reached no one (busy, no answer, Twilio unavailable): dial again after the
 * policy's delay (inside quiet hours), or close the call once the attempts are used up.
 */
export async function retryOrClose(
  ctx: DomainContext,
  outbound: OutboundCallRow,
  finalStatus: 'no_answer' | 'busy' | 'failed',
  reason: string,
): Promise<OutboundCallRow | undefined> {
  const { maxAttempts, delayMinutes } = ctx.profile.outbound.retry;
  if (outbound.attempts >= maxAttempts) {
    await ctx.tenant.transaction((tenant) => closeOutbound({ tenant }, outbound, finalStatus, reason));
    return ctx.tenant.outbound.get(outbound.id);
  }
  const earliest = ctx.nowMs + delayMinutes * 60_000;
  const runAt = (await allowedSendTime(ctx.tenant, ctx.profile, outbound.toNumber, earliest)) ?? earliest;
  return ctx.tenant.transaction(async (tenant) => {
    const queued = await tenant.outbound.transition(outbound.id, ['dialing'], {
      status: 'queued',
      nextAttemptAt: runAt,
      lastError: reason,
    });
    if (queued === undefined) return tenant.outbound.get(outbound.id);
    await tenant.outbound.setCallDialState(outbound.callId, { status: 'queued', twilioCallSid: null });
    await enqueueJob({
      ctx: { tenant, nowMs: ctx.nowMs },
      input: {
        kind: JOB_KINDS.outboundDial,
        payload: { outboundId: outbound.id, attempt: queued.attempts },
        runAt,
      },
    });
    return queued;
  });
}
