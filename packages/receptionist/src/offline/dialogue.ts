import type { BusinessBrief, CallPurpose } from '@receptionist/engine';
import { listWords, spokenDigits } from '@receptionist/engine/language';
import type { DialoguePolicy as EngineDialoguePolicy, RehearRequest } from '@receptionist/engine/local';
import type { DateTime } from 'luxon';
import { parseWhen } from './datetime.ts';
import { extractPhone, findDestination } from './extract.ts';
import { advance, phoneIfNotCallerId } from './flows.ts';
import {
  hearName,
  hearPhone,
  hearPhoneConfirmation,
  hearSpelling,
  nameIn,
  nameRehearing,
  takeReason,
} from './hear-caller.ts';
import { hearConfirmation, hearOfferMessage } from './hear-confirmation.ts';
import { hearCode, hearKey } from './hear-keys.ts';
import { hearReminderAnswer } from './hear-reminder.ts';
import { type Intent, recognizeIntent, recognizeYesNo } from './intents.ts';
import { extractReason } from './message-reason.ts';
import { PROMPTS } from './prompts.ts';
import { askedService, findService, serviceWords } from './service-match.ts';
import { DialogueContext } from './state.ts';
import { takeSlots } from './take-slots.ts';
import { handleToolResult } from './tool-results.ts';
import { INCOMPLETE_WHEN, introducedWithMore, looksLikeQuestion } from './turn-shape.ts';
import type { Awaiting, PolicyAction, PolicyInput } from './types.ts';

export interface DialogueOptions {
  business: BusinessBrief;
  greeting: string;
  callerNumber?: string | undefined;
  /** Set on failover/reconnect: the caller was already greeted. */
  resumed?: boolean | undefined;
  /** The clock in the business's zone: "tomorrow" and "the fourth" are read against it. */
  now: () => DateTime;
  /** Why the agent placed the call, on outbound calls (a reminder names its booking). */
  purpose?: CallPurpose | undefined;
}

const FREE_TEXT_STATES: ReadonlySet<Awaiting> = new Set(['message_reason', 'name']);
/**
 * The offline receptionist: a deterministic slot-filling state machine. It hears caller text, keypad
 * digits and tool results, and answers with actions (say, call a tool, log a decision). No I/O here.
 * This file hears the caller; flows.ts decides what to ask next; tool-results.ts reads tool answers.
 */
export class DialoguePolicy implements EngineDialoguePolicy {
  readonly #ctx: DialogueContext;
  readonly #serviceWords: ReadonlySet<string>;

  constructor(options: DialogueOptions) {
    this.#ctx = new DialogueContext({
      business: options.business,
      greeting: options.greeting,
      callerNumber: options.callerNumber,
      resumed: options.resumed ?? false,
      now: options.now,
      purpose: options.purpose,
    });
    this.#serviceWords = serviceWords(options.business.services);
  }

  get awaiting(): Awaiting {
    return this.#ctx.awaiting;
  }

  handle(input: PolicyInput): PolicyAction[] {
    this.#ctx.actions = [];
    switch (input.type) {
      case 'start':
        if (!this.#ctx.resumed) this.#ctx.say(this.#ctx.greeting);
        break;
      case 'caller_text':
        this.#ctx.heardAsName = input.heardAsName;
        this.#hear(input.text);
        this.#ctx.heardAsName = undefined;
        break;
      case 'dtmf':
        hearKey(this.#ctx, input.digit, (text) => this.#hear(text));
        break;
      case 'tool_result':
        handleToolResult(this.#ctx, input.name, input.result);
        break;
    }
    return this.#ctx.actions;
  }

  /** The engine decodes a name turn again with a grammar of names (see hear-caller.ts `nameIn`). */
  rehearAs(text: string): RehearRequest | undefined {
    return nameRehearing(this.#ctx, text);
  }

  #hear(text: string): void {
    if (this.#ctx.awaiting === 'tool' || this.#ctx.awaiting === 'done') {
      this.#ctx.decide('input_ignored', `caller spoke while ${this.#ctx.awaiting}`, {
        awaiting: this.#ctx.awaiting,
      });
      return;
    }
    if (this.#ctx.flow === 'message' && this.#ctx.awaiting !== 'message_reason')
      takeReason(this.#ctx, extractReason(text));
    const intent = recognizeIntent(text, 2, this.#serviceWords);
    if (intent && this.#interrupts(intent.intent, text)) {
      this.#ctx.decide('intent', `recognized ${intent.intent}`, {
        intent: intent.intent,
        score: intent.score,
      });
      this.#startFlow(intent.intent, text);
      return;
    }
    switch (this.#ctx.awaiting) {
      case 'intent':
        this.#hearIntent(text, intent?.intent);
        return;
      case 'service':
        this.#hearService(text);
        return;
      case 'when':
        this.#hearWhen(text);
        return;
      case 'name':
        hearName(this.#ctx, text);
        return;
      case 'spell_name':
        hearSpelling(this.#ctx, text);
        return;
      case 'confirm_phone':
        hearPhoneConfirmation(this.#ctx, text);
        return;
      case 'booking_date':
        this.#hearBookingDate(text);
        return;
      case 'phone':
        hearPhone(this.#ctx, extractPhone(text), false, spokenDigits(text));
        return;
      case 'verification_code':
        hearCode(this.#ctx, spokenDigits(text));
        return;
      case 'message_reason':
        if (recognizeYesNo(text) === 'yes' && text.trim().split(/\s+/).length <= 3) {
          // "yes" to "what would you like the message to say?" is not the message: ask for it.
          this.#ctx.ask('message_reason', PROMPTS.messageReasonAgain);
          return;
        }
        this.#ctx.reason = text;
        this.#ctx.decide('slot_filled', 'message reason', { slot: 'reason' });
        advance(this.#ctx);
        return;
      case 'confirm_booking':
        hearConfirmation(this.#ctx, text, 'booking');
        return;
      case 'confirm_cancel':
        hearConfirmation(this.#ctx, text, 'cancel');
        return;
      case 'offer_message':
        hearOfferMessage(this.#ctx, text);
        return;
    }
  }

  #interrupts(intent: Intent, text: string): boolean {
    if (this.#ctx.awaiting === 'intent') return false;
    // A name or a message is free text, but nobody is called "goodbye": "no thanks goodbye" ends the call.
    if (FREE_TEXT_STATES.has(this.#ctx.awaiting))
      return intent === 'goodbye' && /\b(good ?bye|bye)\b/.test(text.toLowerCase());
    return (
      intent === 'transfer' || intent === 'goodbye' || (intent === 'message' && this.#ctx.flow !== 'message')
    );
  }

  #hearIntent(text: string, intent: Intent | undefined): void {
    if (hearReminderAnswer(this.#ctx, text, intent)) return;
    const service = findService(text, this.#ctx.business.services);
    const resolved = intent ?? (service ? 'book' : undefined);
    if (resolved !== undefined) {
      this.#ctx.decide('intent', `recognized ${resolved}`, { intent: resolved });
      this.#startFlow(resolved, text);
      return;
    }
    if (this.#ctx.flow === undefined && recognizeYesNo(text) === 'no') {
      this.#startFlow('goodbye', text);
      return;
    }
    if (recognizeYesNo(text) === 'yes') {
      this.#ctx.ask('intent', PROMPTS.whatElse);
      return;
    }
    if (askedService(text) !== undefined && /\b(book|appointment|schedule)\b/.test(text.toLowerCase())) {
      this.#ctx.decide('intent', 'recognized book (a service we do not offer)', { intent: 'book' });
      this.#startFlow('book', text);
      return;
    }
    const introduced = introducedWithMore(text);
    if (introduced !== undefined && !looksLikeQuestion(introduced)) {
      // "hi this is Paul Myers, it's about the invoice you sent": a name and something more is a message.
      this.#ctx.decide('intent', 'a name and a reason: a message', { intent: 'message' });
      this.#startFlow('message', text, introduced);
      return;
    }
    if (looksLikeQuestion(introduced ?? text)) {
      // Maybe a question in words no cue knows ("is there somewhere to leave my car"): the FAQ matches by meaning.
      this.#ctx.decide('intent', 'no intent cue: trying the FAQ', { intent: 'question', guessed: true });
      this.#ctx.questionGuessed = true;
      this.#ctx.callTool('answer_question', { question: text });
      return;
    }
    this.#ctx.failed('intent', PROMPTS.notCaught);
  }

  /** `reason`: what the turn said besides a name, when nothing in it reads as a reason by its lead-in. */
  #startFlow(intent: Intent, text: string, reason?: string): void {
    switch (intent) {
      case 'transfer': {
        const destination =
          findDestination(text, this.#ctx.business.transferDestinations) ??
          this.#ctx.business.transferDestinations[0];
        this.#ctx.say(PROMPTS.transferring);
        this.#ctx.callTool('transfer_call', { destination: destination?.name ?? 'front desk' });
        return;
      }
      case 'goodbye':
        if (
          this.#ctx.flow === 'message' &&
          this.#ctx.name &&
          this.#ctx.reason &&
          !this.#ctx.goodbyeAfterMessage
        ) {
          // A message all but taken is saved before the goodbye (the name as heard, spelled or not).
          this.#ctx.goodbyeAfterMessage = true;
          this.#ctx.decide('message_before_goodbye', 'saving the message the caller gave before ending');
          this.#ctx.callTool('take_message', {
            callerName: this.#ctx.name,
            reason: this.#ctx.reason,
            ...phoneIfNotCallerId(this.#ctx, 'callbackNumber'),
          });
          return;
        }
        this.#ctx.say(`Thank you for calling ${this.#ctx.business.name}. Goodbye!`);
        this.#ctx.callTool('end_call', { reason: 'caller said goodbye' });
        return;
      case 'question': {
        // "this is Robert Cooper, I have a question about my bill": the name is kept for a message.
        const name = nameIn(this.#ctx, text, false);
        if (name) this.#ctx.name = name;
        this.#ctx.questionGuessed = false;
        this.#ctx.unansweredQuestion = text;
        this.#ctx.callTool('answer_question', { question: text });
        return;
      }
      case 'book':
      case 'message':
      case 'reschedule':
      case 'cancel':
        this.#ctx.flow = intent;
        break;
      case 'check_appointment':
        this.#ctx.flow = 'check';
        break;
    }
    this.#ctx.failures.clear();
    this.#ctx.availabilityChecked = false;
    this.#ctx.appointment = undefined;
    this.#ctx.reason = undefined;
    this.#ctx.unknownService = undefined;
    this.#ctx.offered = undefined;
    this.#ctx.bookingDate = undefined;
    this.#ctx.date = undefined;
    this.#ctx.time = undefined;
    if (this.#ctx.reminderFor && (this.#ctx.flow === 'reschedule' || this.#ctx.flow === 'cancel')) {
      // The reminder's booking: no need to look it up or ask which one.
      this.#ctx.appointment = this.#ctx.reminderFor;
      this.#ctx.reminderSettled = true;
    }
    if (this.#ctx.flow === 'book' || this.#ctx.flow === 'reschedule') takeSlots(this.#ctx, text);
    const name = nameIn(this.#ctx, text, false);
    if (name) this.#ctx.name = name;
    takeReason(this.#ctx, extractReason(text) ?? reason);
    advance(this.#ctx);
  }

  #hearService(text: string): void {
    takeSlots(this.#ctx, text);
    if (this.#ctx.service) {
      advance(this.#ctx);
      return;
    }
    const names = this.#ctx.business.services.map((service) => service.name);
    const unknown = askedService(`book ${text}`);
    this.#ctx.failed(
      'service',
      unknown === undefined
        ? `Sorry, which service would you like? We offer ${listWords(names, 'or')}.`
        : `Sorry, we don't offer ${unknown}. What we offer is ${listWords(names, 'and')}. Which would you like?`,
    );
  }

  #hearWhen(text: string): void {
    if (INCOMPLETE_WHEN.test(text.toLowerCase().trim())) {
      // "next" cut off from "Tuesday" by the recogniser: wait for the rest rather than apologise.
      this.#ctx.decide('input_incomplete', 'waiting for the rest of the day or time', { text });
      return;
    }
    const offered = this.#ctx.offered;
    this.#ctx.offered = undefined;
    if (offered !== undefined && recognizeYesNo(text) === 'yes') {
      // The next opening the agent just named (the availability check found it free).
      this.#ctx.date = offered.date;
      this.#ctx.time = offered.time;
      this.#ctx.availabilityChecked = true;
      this.#ctx.decide('slot_filled', 'the offered time', { slot: 'when', ...offered });
      advance(this.#ctx);
      return;
    }
    const before = `${this.#ctx.date}|${this.#ctx.time}`;
    takeSlots(this.#ctx, text);
    if (`${this.#ctx.date}|${this.#ctx.time}` !== before) {
      advance(this.#ctx);
      return;
    }
    const name = nameIn(this.#ctx, text, false);
    if (name !== undefined && this.#ctx.name === undefined) {
      // "my name is Jessica Ward" while asked for a time: kept for later, and the time asked again.
      this.#ctx.name = name;
      this.#ctx.decide('slot_filled', 'name', { slot: 'name' });
      if (offered !== undefined) this.#ctx.offered = offered;
      this.#ctx.ask('when', `Thank you. ${this.#ctx.lastQuestion ?? PROMPTS.whenAgain}`);
      return;
    }
    this.#ctx.failed('when', PROMPTS.whenAgain);
  }

  #hearBookingDate(text: string): void {
    const date = parseWhen(text, this.#ctx.now()).date;
    if (date) {
      this.#ctx.bookingDate = date;
      this.#ctx.decide('slot_filled', 'booking date', { slot: 'booking_date', date });
      advance(this.#ctx);
      return;
    }
    this.#ctx.failed('booking_date', PROMPTS.whichBookingDate);
  }
}
