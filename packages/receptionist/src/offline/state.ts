import type { BusinessBrief, CallPurpose } from '@receptionist/engine';
import type { DateTime } from 'luxon';
import type { ReceptionistToolName } from '../tools/index.ts';
import { PROMPTS } from './prompts.ts';
import type { Awaiting, Flow, PolicyAction } from './types.ts';

type Service = BusinessBrief['services'][number];

/** Failed attempts at one slot before the policy offers to take a message instead. */
const MAX_ATTEMPTS = 2;

/**
 * Everything one call's dialogue knows (slots, what it waits for, failed attempts) and the actions it
 * has decided on for the current input. The policy's parts (hearing, flows, tool results) share it.
 */
export class DialogueContext {
  readonly business: BusinessBrief;
  readonly greeting: string;
  readonly callerNumber: string | undefined;
  readonly resumed: boolean;
  readonly now: () => DateTime;
  /** On a reminder call the agent placed: the booking it is about (kept across flows). */
  readonly reminderFor: { id: string; startsAt: string } | undefined;
  /** The reminder's question (confirm, move or cancel) was answered. */
  reminderSettled = false;

  awaiting: Awaiting = 'intent';
  flow: Flow | undefined;
  service: Service | undefined;
  date: string | undefined;
  time: string | undefined;
  name: string | undefined;
  phone: string | undefined;
  /** The date of an existing booking (finding it without caller ID). */
  bookingDate: string | undefined;
  reason: string | undefined;
  /** The one-time code the caller read back (businesses that text codes to the number on file). */
  verificationCode: string | undefined;
  /** The name word being spelled (index into the name's words), while asking for its spelling. */
  spelling: number | undefined;
  /** Name words already spelled or given up on: each is asked for once. */
  spelled = new Set<number>();
  /** The turn being heard, decoded again as a person's name (the engine's `heardAsName`), if it was. */
  heardAsName: string | undefined;
  /** Names read back that the caller said were not theirs (lower-case): never heard again on this call. */
  rejectedNames = new Set<string>();
  /** A name heard with an unlikely word was asked for once more (once a call, before any spelling). */
  nameAskedAgain = false;
  /** The caller gave (or confirmed) the number by voice or keypad, not through caller ID. */
  phoneConfirmed = false;
  /** The last turn at "how can I help" was sent to the FAQ as a guess: no answer means "not caught". */
  questionGuessed = false;
  /** The caller could not give a callback number twice: the message is saved without one. */
  phoneMissing = false;
  /** The caller said goodbye while a message was ready: it is saved first, then the call ends. */
  goodbyeAfterMessage = false;
  /** A question the FAQ could not answer: the reason of the message offered instead. */
  unansweredQuestion: string | undefined;
  /** What the caller asked to book that the business does not offer ("acupuncture"). */
  unknownService: string | undefined;
  /** A free time the agent offered (the next opening): a yes takes it. */
  offered: { date: string; time: string } | undefined;
  availabilityChecked = false;
  appointment: { id: string; startsAt: string } | undefined;
  pendingTool: ReceptionistToolName | undefined;
  failures = new Map<string, number>();
  keyedDigits = '';
  /** The last question asked, to ask again after an answer to something else. */
  lastQuestion: string | undefined;
  actions: PolicyAction[] = [];

  constructor(options: {
    business: BusinessBrief;
    greeting: string;
    callerNumber: string | undefined;
    resumed: boolean;
    now: () => DateTime;
    purpose?: CallPurpose | undefined;
  }) {
    this.business = options.business;
    this.greeting = options.greeting;
    this.callerNumber = callerIdOf(options.callerNumber);
    this.phone = this.callerNumber;
    this.resumed = options.resumed;
    this.now = options.now;
    const appointmentId =
      options.purpose?.kind === 'reminder' ? options.purpose.facts.appointmentId : undefined;
    this.reminderFor =
      appointmentId === undefined
        ? undefined
        : {
            id: appointmentId,
            startsAt: `${options.purpose?.facts.date ?? ''}T${options.purpose?.facts.time ?? ''}`,
          };
  }

  say(text: string): void {
    this.actions.push({ type: 'say', text });
  }

  decide(kind: string, detail: string, data?: Record<string, unknown>): void {
    this.actions.push({ type: 'decision', kind, detail, ...(data ? { data } : {}) });
  }

  callTool(name: ReceptionistToolName, args: Record<string, unknown>): void {
    this.pendingTool = name;
    this.awaiting = 'tool';
    this.actions.push({ type: 'call_tool', name, args });
  }

  ask(awaiting: Awaiting, prompt: string): void {
    this.awaiting = awaiting;
    this.lastQuestion = prompt;
    this.say(prompt);
  }

  failed(slot: string, prompt: string, next: Awaiting = this.awaiting): void {
    const attempts = (this.failures.get(slot) ?? 0) + 1;
    this.failures.set(slot, attempts);
    this.decide('slot_failed', `could not understand ${slot}`, { slot, attempts });
    if (attempts >= MAX_ATTEMPTS && this.flow !== 'message') {
      this.decide('fallback', `offering a message after ${attempts} failed attempts at ${slot}`, { slot });
      this.ask('offer_message', PROMPTS.offerMessage);
      return;
    }
    this.ask(next, prompt);
  }

  anythingElse(prefix: string): void {
    this.flow = undefined;
    this.failures.clear();
    this.ask('intent', `${prefix} ${PROMPTS.anythingElse}`.trim());
  }
}

/**
 * Caller ID that can be called back: E.164-ish digits. Withheld numbers arrive empty, as words
 * ("anonymous", "restricted") or as Twilio's placeholders for them, and count as no caller ID.
 */
const WITHHELD_PLACEHOLDERS = new Set(['+266696687', '+86282452253', '+8656696', '+2562533', '+7378742833']);

export function callerIdOf(from: string | undefined): string | undefined {
  const trimmed = from?.trim() ?? '';
  if (!/^\+?\d{7,15}$/.test(trimmed) || WITHHELD_PLACEHOLDERS.has(trimmed)) return undefined;
  return trimmed;
}
