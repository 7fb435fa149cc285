import {
  callContext,
  endCall,
  loadDomainContext,
  recordAnsweredBy,
  recordDialOutcome,
  recordOutboundStatus,
} from '@receptionist/domain';
import {
  buildHangupTwiml,
  buildSayHangupTwiml,
  buildStreamTwiml,
  mintStreamToken,
} from '@receptionist/telephony';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { BusinessDirectory } from '../business-directory.ts';
import { type Database, findOutboundCall } from '../db-reads/index.ts';
import type { VoiceEnv } from '../env.ts';
import type { VoiceMetrics } from '../metrics.ts';
import { requireTwilioSignature } from './require-signature.ts';
import type { TwilioCallControl } from './twilio-rest.ts';

export const OUTBOUND_ANSWER_PATH = '/twilio/outbound/answer';
export const OUTBOUND_STATUS_PATH = '/twilio/outbound/status';
export const OUTBOUND_AMD_PATH = '/twilio/outbound/amd';

interface OutboundDeps {
  env: VoiceEnv;
  db: Database;
  directory: BusinessDirectory;
  logger: Logger;
  metrics: VoiceMetrics;
  now: () => number;
  isDraining: () => boolean;
  isLiveHere: (callId: string) => boolean;
  twilioRest: TwilioCallControl | undefined;
}

const CallIdQuery = z.object({ callId: z.string().min(1).max(64) });
const CallSid = z.string().regex(/^CA[0-9a-zA-Z]{32}$/);
const AnswerParams = z.object({ CallSid });
const StatusParams = z.object({ CallSid, CallStatus: z.string().min(1).max(32) });
const AmdParams = z.object({ CallSid, AnsweredBy: z.string().min(1).max(40) });

function sendTwiml(response: Response, twiml: string): void {
  response.status(200).type('text/xml').send(twiml);
}

/** The call named in the query and the parsed form, after the signature; answers itself when either is bad. */
async function outboundCallOf<T extends z.ZodType>(
  deps: OutboundDeps,
  request: Request,
  response: Response,
  schema: T,
  onBad: () => void,
) {
  if (!requireTwilioSignature(request, response, deps)) return undefined;
  const query = CallIdQuery.safeParse(request.query);
  const params = schema.safeParse(request.body);
  const call = query.success ? await findOutboundCall(deps.db, query.data.callId) : undefined;
  if (!params.success || call === undefined) {
    deps.metrics.countError('outbound_webhook_invalid');
    deps.logger.warn({ callId: query.data?.callId }, 'outbound webhook for no outbound call of ours');
    onBad();
    return undefined;
  }
  return { call, params: params.data as z.output<T> };
}

async function domainContext(deps: OutboundDeps, businessId: string) {
  return loadDomainContext(deps.db, businessId, { actor: { kind: 'system' }, nowMs: deps.now() });
}

/**
 * `POST /twilio/outbound/answer?callId=…`: the callee picked up and Twilio asks for the call's TwiML. The
 * same Media Stream as an inbound call, with a single-use token for this call and CallSid; a call that
 * already streamed or ended, or a server that is draining, gets `<Hangup/>`.
 */
export function outboundAnswerHandler(deps: OutboundDeps) {
  return async (request: Request, response: Response): Promise<void> => {
    const found = await outboundCallOf(deps, request, response, AnswerParams, () =>
      sendTwiml(response, buildHangupTwiml()),
    );
    if (found === undefined) return;
    const { call, params } = found;
    const log = deps.logger.child({ callId: call.id, callSid: params.CallSid });
    const ctx = await domainContext(deps, call.businessId);
    if (call.twilioCallSid === null) {
      // Twilio asked before the worker stored the create's answer: this CallSid is the attempt's.
      const outbound = await ctx.tenant.outbound.getByCallId(call.id);
      if (outbound)
        await recordDialOutcome({
          ctx,
          input: { outboundId: outbound.id, outcome: { kind: 'placed', callSid: params.CallSid } },
        });
    } else if (call.twilioCallSid !== params.CallSid) {
      log.warn('outbound answer for another attempt of the call');
      sendTwiml(response, buildHangupTwiml());
      return;
    }
    if (call.ended || (call.status !== 'ringing' && call.status !== 'queued')) {
      sendTwiml(response, buildHangupTwiml());
      return;
    }
    await recordOutboundStatus({
      ctx,
      input: { callId: call.id, callSid: params.CallSid, callStatus: 'in-progress' },
    });
    if (deps.isDraining()) {
      await endCall({
        ctx: callContext(deps.db, call.businessId),
        input: { callId: call.id, status: 'failed', endReason: 'server_draining' },
      });
      sendTwiml(
        response,
        buildSayHangupTwiml('Sorry, we cannot talk right now. We will call you again. Goodbye.'),
      );
      return;
    }
    const business = await deps.directory.load(call.businessId, { callId: call.id });
    const minted = mintStreamToken({
      secret: deps.env.sessionSecret,
      businessId: call.businessId,
      callId: call.id,
      callSid: params.CallSid,
    });
    log.info('outbound call answered: streaming');
    sendTwiml(
      response,
      buildStreamTwiml({
        disclosure: business.disclosure,
        streamUrl: `${deps.env.publicUrl.replace(/^http/, 'ws')}/twilio/stream/${minted.token}`,
        parameters: { callId: call.id },
        fallback: { kind: 'hangup' },
      }),
    );
  };
}

/**
 * `POST /twilio/outbound/status?callId=…`: the attempt's progress. Busy, no answer and failed retry per
 * the business's policy (or close the call); a final status of an answered call closes the call log
 * unless its session lives here (it knows the better end reason). At-least-once and unordered.
 */
export function outboundStatusHandler(deps: OutboundDeps) {
  return async (request: Request, response: Response): Promise<void> => {
    const found = await outboundCallOf(deps, request, response, StatusParams, () =>
      response.status(204).end(),
    );
    if (found === undefined) return;
    const { call, params } = found;
    const ctx = await domainContext(deps, call.businessId);
    const outbound = await recordOutboundStatus({
      ctx,
      input: { callId: call.id, callSid: params.CallSid, callStatus: params.CallStatus },
    });
    const answered = outbound?.status === 'answered' || outbound?.status === 'voicemail';
    if (params.CallStatus === 'completed' && answered && !deps.isLiveHere(call.id)) {
      await endCall({
        ctx: callContext(deps.db, call.businessId),
        input: { callId: call.id, status: 'completed', endReason: 'twilio_completed' },
      });
    }
    deps.logger.info(
      { callId: call.id, callStatus: params.CallStatus, outbound: outbound?.status },
      'outbound status',
    );
    response.status(204).end();
  };
}

/**
 * `POST /twilio/outbound/amd?callId=…`: the asynchronous answering-machine verdict. A machine gets a short
 * voicemail: the live call is redirected to `<Say>` + `<Hangup/>` (the stream ends and so does the session).
 */
export function outboundAmdHandler(deps: OutboundDeps) {
  return async (request: Request, response: Response): Promise<void> => {
    const found = await outboundCallOf(deps, request, response, AmdParams, () => response.status(204).end());
    if (found === undefined) return;
    const { call, params } = found;
    const ctx = await domainContext(deps, call.businessId);
    const { voicemail } = await recordAnsweredBy({
      ctx,
      input: { callId: call.id, callSid: params.CallSid, answeredBy: params.AnsweredBy },
    });
    if (voicemail !== undefined && deps.twilioRest !== undefined) {
      await deps.twilioRest.redirectCall(params.CallSid, buildSayHangupTwiml(voicemail));
      deps.logger.info(
        { callId: call.id, answeredBy: params.AnsweredBy },
        'answering machine: voicemail left',
      );
    }
    response.status(204).end();
  };
}
