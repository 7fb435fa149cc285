import type { BusinessProfile } from '@receptionist/domain';
import { msFrom } from '../../../../../components/settings/form-values.ts';

/** Call limits as the owner thinks of them: minutes for the call, seconds for silences. */
export interface CallLimitsDraft {
  maxCallMinutes: string;
  silenceTimeoutSeconds: string;
  silenceHangupSeconds: string;
}

export function callLimitsDraft({ callLimits }: BusinessProfile): CallLimitsDraft {
  return {
    maxCallMinutes: String(callLimits.maxCallMs / 60_000),
    silenceTimeoutSeconds: String(callLimits.silenceTimeoutMs / 1000),
    silenceHangupSeconds: String(callLimits.silenceHangupMs / 1000),
  };
}

export function callLimitsPatch(draft: CallLimitsDraft): Record<string, unknown> {
  return {
    callLimits: {
      maxCallMs: msFrom(draft.maxCallMinutes, 60_000),
      silenceTimeoutMs: msFrom(draft.silenceTimeoutSeconds, 1000),
      silenceHangupMs: msFrom(draft.silenceHangupSeconds, 1000),
    },
  };
}
