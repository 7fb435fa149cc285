import { SilenceMonitor } from './silence-monitor.ts';

/**
 * The session's limits on one call: a maximum duration, and a caller who has gone quiet (asked once,
 * then given up on). Each limit reached calls back; the session decides how the call ends.
 */
export class CallLimits {
  readonly #maxTimer: NodeJS.Timeout;
  readonly #silence: SilenceMonitor;

  constructor(input: {
    maxCallMs: number;
    silenceTimeoutMs: number;
    /** Silence after the "are you still there?" prompt before the call ends (default: `silenceTimeoutMs`). */
    silenceHangupMs?: number | undefined;
    /** True while the agent is talking or the caller is mid-utterance: that is not silence. */
    isBusy: () => boolean;
    onMaxDuration: () => void;
    onSilencePrompt: () => void;
    onSilenceGiveUp: () => void;
  }) {
    this.#maxTimer = setTimeout(input.onMaxDuration, input.maxCallMs);
    this.#maxTimer.unref();
    this.#silence = new SilenceMonitor({
      silenceTimeoutMs: input.silenceTimeoutMs,
      silenceHangupMs: input.silenceHangupMs,
      isBusy: input.isBusy,
      onPrompt: input.onSilencePrompt,
      onGiveUp: input.onSilenceGiveUp,
    });
  }

  /** The caller did something (spoke, typed, pressed a key). */
  callerActive(): void {
    this.#silence.callerActive();
  }

  /** The agent did something (audio sent or played): the silence clock restarts. */
  agentActive(): void {
    this.#silence.touch();
  }

  stop(): void {
    clearTimeout(this.#maxTimer);
    this.#silence.stop();
  }
}
