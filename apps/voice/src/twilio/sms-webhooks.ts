import {
  handleInboundSms,
  handleOutboundSmsReply,
  loadDomainContext,
  recordSmsStatus,
} from '@receptionist/domain';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
// The TwiML builder alone: the package's index loads the whole REST client.
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse.js';
import { z } from 'zod';
import { type Database, findNumberOwner } from '../db-reads/index.ts';
import type { VoiceEnv } from '../env.ts';
import type { VoiceMetrics } from '../metrics.ts';
import { requireTwilioSignature } from './require-signature.ts';

interface SmsDeps {
  env: VoiceEnv;
  db: Database;
  logger: Logger;
  metrics: VoiceMetrics;
  /** The clock replies are judged by (an appointment still upcoming, an offer still open). */
  now: () => number;
}

const StatusParams = z.object({
  MessageSid: z.string().min(1).max(64),
  MessageStatus: z.string().min(1).max(32),
  ErrorCode: z.string().max(16).optional(),
});

/**
 * `POST /twilio/sms-status`: Twilio's StatusCallback for an SMS the worker sent (queued → sent →
 * delivered / undelivered / failed). At least once and unordered; each report overwrites the stored status.
 */
export function smsStatusWebhookHandler(deps: SmsDeps) {
  return async (request: Request, response: Response): Promise<void> => {
    if (!requireTwilioSignature(request, response, deps)) return;
    const params = StatusParams.safeParse(request.body);
    if (!params.success) {
      deps.metrics.countError('sms_status_invalid_params');
      response.status(400).type('text/plain').send('invalid parameters');
      return;
    }
    const recorded = await recordSmsStatus({
      ctx: { db: deps.db },
      input: {
        messageSid: params.data.MessageSid,
        status: params.data.MessageStatus,
        errorCode: params.data.ErrorCode,
      },
    }).catch((error: unknown) => {
      // A SID that is not an SMS of ours (or malformed) is Twilio's noise, not a reason for it to retry.
      deps.logger.info({ err: error, messageSid: params.data.MessageSid }, 'unusable SMS status callback');
      return undefined;
    });
    if (recorded === undefined)
      deps.logger.info({ messageSid: params.data.MessageSid }, 'status for an unknown SMS');
    response.status(204).end();
  };
}

const InboundParams = z.object({
  MessageSid: z.string().min(1).max(64),
  From: z.string().min(1).max(40),
  To: z.string().min(1).max(40),
  Body: z.string().max(1600).default(''),
});

/** Empty TwiML: we send no reply of our own (Twilio answers STOP/START with its standard confirmation). */
const NO_REPLY = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** TwiML that answers the text with one message. */
function replyTwiml(text: string): string {
  const response = new MessagingResponse();
  response.message(text);
  return response.toString();
}

/**
 * `POST /twilio/sms`: a text to one of the businesses' numbers. First as an answer to our reminders and
 * waitlist offers (C confirms, X or CANCEL cancels, R asks for a call to reschedule, YES takes an offered
 * slot), answered with a confirmation text; then STOP (and its synonyms) opts the sender out of that
 * business's texts and START opts it back in. CANCEL does both: it cancels the booking and, as Twilio's
 * default opt-out keywords do, opts the number out. Other texts are acknowledged and ignored.
 */
export function inboundSmsWebhookHandler(deps: SmsDeps) {
  return async (request: Request, response: Response): Promise<void> => {
    if (!requireTwilioSignature(request, response, deps)) return;
    const params = InboundParams.safeParse(request.body);
    if (!params.success) {
      deps.metrics.countError('sms_inbound_invalid_params');
      response.status(400).type('text/plain').send('invalid parameters');
      return;
    }
    const owner = await findNumberOwner(deps.db, params.data.To);
    let reply: string | undefined;
    if (owner === undefined) {
      deps.logger.info({ messageSid: params.data.MessageSid }, 'SMS to a number no business owns');
    } else {
      const outbound = await answerOutboundReply(deps, owner.businessId, params.data).catch(
        (error: unknown) => {
          deps.logger.warn({ err: error, messageSid: params.data.MessageSid }, 'reply to a reminder failed');
          return undefined;
        },
      );
      reply = outbound?.reply;
      const result = await handleInboundSms({
        ctx: { db: deps.db },
        input: { businessId: owner.businessId, from: params.data.From, body: params.data.Body },
      }).catch((error: unknown) => {
        deps.logger.info({ err: error, messageSid: params.data.MessageSid }, 'unusable inbound SMS');
        return 'ignored' as const;
      });
      deps.logger.info(
        { businessId: owner.businessId, messageSid: params.data.MessageSid, result },
        'inbound SMS',
      );
    }
    response
      .status(200)
      .type('text/xml')
      .send(reply === undefined ? NO_REPLY : replyTwiml(reply));
  };
}

async function answerOutboundReply(
  deps: SmsDeps,
  businessId: string,
  sms: { From: string; Body: string; MessageSid: string },
) {
  const nowMs = deps.now();
  const ctx = await loadDomainContext(deps.db, businessId, { actor: { kind: 'system' }, nowMs });
  const outcome = await handleOutboundSmsReply({ ctx, input: { phone: sms.From, body: sms.Body } });
  if (outcome !== undefined)
    deps.logger.info(
      { businessId, messageSid: sms.MessageSid, action: outcome.action },
      'reply to a reminder',
    );
  return outcome;
}
