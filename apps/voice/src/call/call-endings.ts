import type { TransportClosed } from '@receptionist/telephony';
import type { SessionCallStatus } from './call-log-writer.ts';

/** How a call ended, as the call log records it. */
export interface CallEnd {
  status: Exclude<SessionCallStatus, 'in_progress'>;
  reason: string;
}

/** What the agent says when the session, not the conversation, ends the call. */
export const SESSION_PROMPTS = {
  stillThere: 'Are you still there?',
  silenceGoodbye: "I haven't heard anything, so I'll hang up now. Please call back any time. Goodbye!",
  maxDuration:
    "We've reached the time limit for this call. Please call back if you need anything else. Goodbye!",
  nobodyToTransferTo:
    "I'm sorry, there is nobody available to take your call right now, but I can take a message.",
};

/** The caller's connection closed. Already ending (we hung up or transferred): a plain close. */
export function endForClosedTransport(closed: TransportClosed, alreadyEnding: boolean): CallEnd {
  if (alreadyEnding) return { status: 'completed', reason: 'closed' };
  const reason =
    closed.reason === 'hangup'
      ? 'caller_hangup'
      : closed.reason === 'violation'
        ? 'protocol_violation'
        : closed.code === 1009
          ? 'frame_too_large'
          : 'connection_lost';
  return { status: closed.reason === 'violation' ? 'failed' : 'completed', reason };
}

/** The engine ended the conversation: a caller hang-up ends at once, anything else after playback. */
export function endForEngineEnd(reason: 'completed' | 'caller_hangup' | string): {
  afterPlayback: boolean;
  reason: string;
} {
  if (reason === 'caller_hangup') return { afterPlayback: false, reason: 'caller_hangup' };
  return { afterPlayback: true, reason: reason === 'completed' ? 'agent_hangup' : reason };
}
