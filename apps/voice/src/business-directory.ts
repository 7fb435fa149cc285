import type { AfterHoursRule, HumanLine } from '@receptionist/domain';
import type { AnyEngineTool, BusinessBrief, CallPurpose, CommitmentCheck } from '@receptionist/engine';

export type { HumanLine };

/** Everything the voice server needs to know about a business to answer one call. */
export interface CallBusiness {
  businessId: string;
  name: string;
  greeting: string;
  instructions: string;
  tools: AnyEngineTool[];
  brief: BusinessBrief;
  /** The clock this business's calls run on: the engine reads "today" and "now" from it. */
  now: () => number;
  voice?: string | undefined;
  /** The language this call is in (BCP-47): the primary one, or the caller's keypad choice. */
  language?: string | undefined;
  /** Every language the business serves, primary first. */
  languages?: readonly string[] | undefined;
  /** Offered by keypad before the stream when the business asks for it: one entry per language. */
  languageMenu?: Array<{ digit: string; language: string; prompt: string }> | undefined;
  /** Checks the agent's confirmations against the tools that succeeded on the call. */
  commitments?: CommitmentCheck | undefined;
  /** Spoken by Twilio before the AI hears anything ("This call is answered by an AI assistant…"). */
  disclosure?: string | undefined;
  /** `silenceHangupMs`: silence after the prompt before the polite end (absent: `silenceTimeoutMs` again). */
  limits: { maxCallMs: number; silenceTimeoutMs: number; silenceHangupMs?: number | undefined };
  /** DTMF 0 and the TwiML fallback dial this line. */
  humanLine?: HumanLine | undefined;
  /** Whether the business is open right now (its time zone, weekly hours and closures). */
  openNow: boolean;
  /** What happens to calls outside opening hours. */
  afterHours: AfterHoursRule;
  /** The business records calls (its disclosure says so); phone calls are then kept as one WAV each. */
  recordCalls?: boolean | undefined;
  /** Set when the receptionist placed the call: why (the greeting and instructions already say it). */
  purpose?: CallPurpose | undefined;
}

/**
 * How the voice server finds and loads businesses. The default implementation reads the database through the
 * receptionist domain (receptionist-directory.ts); tests use the same one against a temporary database.
 */
export interface BusinessDirectory {
  /** The business owning a called number (E.164), or undefined. */
  findByPhoneNumber(e164: string): Promise<{ businessId: string } | undefined>;
  /** Loads the profile, tools and instructions for a call. `callId` scopes the tools. */
  load(
    businessId: string,
    call: {
      callId: string;
      callerNumber?: string | undefined;
      language?: string | undefined;
      /** `inbound` skips the read of an outbound call's purpose; unknown means look. */
      direction?: 'inbound' | 'outbound' | undefined;
    },
  ): Promise<CallBusiness>;
  /** Stops background work (a cache's refresh timer). */
  close?(): void;
}
