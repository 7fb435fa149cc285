import { buildTransferTwiml } from '@receptionist/telephony';
import type { Logger } from 'pino';
import { TRANSFER_RING_SECONDS } from '../twilio/transfer-paths.ts';
import type { TwilioCallControl } from '../twilio/twilio-rest.ts';

/** How a call is transferred or hung up; differs by channel, never seen by the engine. */
export interface CallControl {
  /** Connects the caller to a person at `phoneNumber`. Resolves once the far end has been told. */
  transfer(target: { name: string; phoneNumber: string }): Promise<void>;
  /** Ends the call for the caller (not just our socket). */
  hangup(): Promise<void>;
}

/**
 * Phone calls: a REST update of the live call. Redirecting to `<Dial>` TwiML ends our media stream.
 * Without REST credentials, closing the stream makes Twilio run the fallback verbs after `</Connect>`
 * (dial the human line or take a voicemail), which is the best remaining choice.
 */
export function phoneCallControl(input: {
  callSid: string;
  rest: TwilioCallControl | undefined;
  closeStream: () => void;
  logger: Logger;
  /** Twilio reports the transfer's `DialCallStatus` here, so an unanswered one is not the end. */
  transferResultUrl?: string | undefined;
}): CallControl {
  return {
    async transfer(target) {
      if (!input.rest) {
        input.logger.warn('no Twilio REST credentials: closing the stream so the TwiML fallback takes over');
        input.closeStream();
        return;
      }
      await input.rest.redirectCall(
        input.callSid,
        buildTransferTwiml({
          phoneNumber: target.phoneNumber,
          actionUrl: input.transferResultUrl,
          timeoutSeconds: TRANSFER_RING_SECONDS,
        }),
      );
    },
    async hangup() {
      if (input.rest) await input.rest.endCall(input.callSid);
      input.closeStream();
    },
  };
}

/** Browser calls: the page is told what would happen; there is no phone line to bridge. */
export function browserCallControl(input: { end: (reason: string, message?: string) => void }): CallControl {
  return {
    async transfer(target) {
      input.end('transfer', `On a phone call you would now be connected to ${target.name}.`);
    },
    async hangup() {
      input.end('completed');
    },
  };
}
