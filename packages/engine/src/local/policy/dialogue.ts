import { DateTime } from 'luxon';
import type { BusinessBrief } from '../../engine.ts';
import type { ToolResult } from '../../tool.ts';
import { describeDate, describeWhen, parseWhen } from './datetime.ts';
import {
  extractName,
  extractPhone,
  findDestination,
  findService,
  phoneFromDigits,
  speakPhone,
} from './extract.ts';
import { type Intent, recognizeIntent, recognizeYesNo } from './intents.ts';
import { PROMPTS } from './prompts.ts';
import { firstAppointment, freeSlotStarts } from './tool-data.ts';
import type { Awaiting, Flow, PolicyAction, PolicyInput } from './types.ts';

export interface DialogueOptions {
  business: BusinessBrief;
  greeting: string;
  callerNumber?: string | undefined;
  /** Set on failover/reconnect: the caller was already greeted. */
  resumed?: boolean | undefined;
  /** The clock, injectable so tests are deterministic. */
  now?: () => DateTime;
}

type Service = BusinessBrief['services'][number];

/** Failed attempts at one slot before the policy offers to take a message instead. */
const MAX_ATTEMPTS = 2;
const FREE_TEXT_STATES: ReadonlySet<Awaiting> = new Set(['message_reason', 'name']);

/**
 * The offline receptionist: a deterministic slot-filling state machine. It hears caller text, keypad
 * digits and tool results, and answers with actions (say, call a tool, log a decision). No I/O here.
 */
export class DialoguePolicy {
  readonly #business: BusinessBrief;
  readonly #greeting: string;
  readonly #callerNumber: string | undefined;
  readonly #resumed: boolean;
  readonly #now: () => DateTime;

  #awaiting: Awaiting = 'intent';
  #flow: Flow | undefined;
  #service: Service | undefined;
  #date: string | undefined;
  #time: string | undefined;
  #name: string | undefined;
  #phone: string | undefined;
  /** The date of an existing booking (finding it without caller ID). */
  #bookingDate: string | undefined;
  #reason: string | undefined;
  #availabilityChecked = false;
  #appointment: { id: string; startsAt: string } | undefined;
  #pendingTool: string | undefined;
  #failures = new Map<string, number>();
  #keyedDigits = '';
  #actions: PolicyAction[] = [];

  constructor(options: DialogueOptions) {
    this.#business = options.business;
    this.#greeting = options.greeting;
    this.#callerNumber = options.callerNumber;
    this.#phone = options.callerNumber;
    this.#resumed = options.resumed ?? false;
    this.#now = options.now ?? (() => DateTime.now().setZone(options.business.timeZone));
  }

  get awaiting(): Awaiting {
    return this.#awaiting;
  }

  handle(input: PolicyInput): PolicyAction[] {
    this.#actions = [];
    switch (input.type) {
      case 'start':
        if (!this.#resumed) this.#say(this.#greeting);
        break;
      case 'caller_text':
        this.#hear(input.text);
        break;
      case 'dtmf':
        this.#key(input.digit);
        break;
      case 'tool_result':
        this.#toolResult(input.name, input.result);
        break;
    }
    return this.#actions;
  }

  #say(text: string): void {
    this.#actions.push({ type: 'say', text });
  }

  #decide(kind: string, detail: string, data?: Record<string, unknown>): void {
    this.#actions.push({ type: 'decision', kind, detail, ...(data ? { data } : {}) });
  }

  #callTool(name: string, args: Record<string, unknown>): void {
    this.#pendingTool = name;
    this.#awaiting = 'tool';
    this.#actions.push({ type: 'call_tool', name, args });
  }

  #ask(awaiting: Awaiting, prompt: string): void {
    this.#awaiting = awaiting;
    this.#say(prompt);
  }

  #hear(text: string): void {
    if (this.#awaiting === 'tool' || this.#awaiting === 'done') {
      this.#decide('input_ignored', `caller spoke while ${this.#awaiting}`, { awaiting: this.#awaiting });
      return;
    }
    const intent = recognizeIntent(text);
    if (intent && this.#interrupts(intent.intent)) {
      this.#decide('intent', `recognized ${intent.intent}`, { intent: intent.intent, score: intent.score });
      this.#startFlow(intent.intent, text);
      return;
    }
    switch (this.#awaiting) {
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
        this.#hearName(text);
        return;
      case 'booking_date':
        this.#hearBookingDate(text);
        return;
      case 'phone':
        this.#hearPhone(extractPhone(text));
        return;
      case 'message_reason':
        this.#reason = text;
        this.#decide('slot_filled', 'message reason', { slot: 'reason' });
        this.#advance();
        return;
      case 'confirm_booking':
        this.#hearConfirmation(text, 'booking');
        return;
      case 'confirm_cancel':
        this.#hearConfirmation(text, 'cancel');
        return;
      case 'offer_message':
        this.#hearOfferMessage(text);
        return;
    }
  }

  /** Whether an intent heard mid-flow takes over (talking to a person, leaving, a message instead). */
  #interrupts(intent: Intent): boolean {
    if (this.#awaiting === 'intent' || FREE_TEXT_STATES.has(this.#awaiting)) return false;
    return (
      intent === 'transfer' || intent === 'goodbye' || (intent === 'message' && this.#flow !== 'message')
    );
  }

  #hearIntent(text: string, intent: Intent | undefined): void {
    const service = findService(text, this.#business.services);
    const resolved = intent ?? (service ? 'book' : undefined);
    if (resolved !== undefined) {
      this.#decide('intent', `recognized ${resolved}`, { intent: resolved });
      this.#startFlow(resolved, text);
      return;
    }
    if (this.#flow === undefined && recognizeYesNo(text) === 'no') {
      this.#startFlow('goodbye', text);
      return;
    }
    if (recognizeYesNo(text) === 'yes') {
      this.#ask('intent', PROMPTS.whatElse);
      return;
    }
    this.#failed('intent', PROMPTS.notCaught);
  }

  #startFlow(intent: Intent, text: string): void {
    switch (intent) {
      case 'transfer': {
        const destination =
          findDestination(text, this.#business.transferDestinations) ??
          this.#business.transferDestinations[0];
        this.#say(PROMPTS.transferring);
        this.#callTool('transfer_call', { destination: destination?.name ?? 'front desk' });
        return;
      }
      case 'goodbye':
        this.#say(`Thank you for calling ${this.#business.name}. Goodbye!`);
        this.#callTool('end_call', { reason: 'caller said goodbye' });
        return;
      case 'question':
        this.#callTool('answer_question', { question: text });
        return;
      case 'book':
      case 'message':
      case 'reschedule':
      case 'cancel':
        this.#flow = intent;
        break;
      case 'check_appointment':
        this.#flow = 'check';
        break;
    }
    this.#failures.clear();
    this.#availabilityChecked = false;
    this.#appointment = undefined;
    this.#reason = undefined;
    this.#bookingDate = undefined;
    this.#date = undefined;
    this.#time = undefined;
    if (this.#flow === 'book' || this.#flow === 'reschedule') this.#takeSlots(text);
    const name = extractName(text, false);
    if (name) this.#name = name;
    this.#advance();
  }

  /** Fills whatever slots an utterance carries (service, date, time). */
  #takeSlots(text: string): void {
    const service = findService(text, this.#business.services);
    if (service && this.#flow === 'book') {
      this.#service = service;
      this.#decide('slot_filled', `service ${service.name}`, { slot: 'service', serviceId: service.id });
    }
    const when = parseWhen(text, this.#now());
    if (when.date) this.#date = when.date;
    if (when.time) this.#time = when.time;
    if (when.date || when.time) {
      this.#availabilityChecked = false;
      this.#decide('slot_filled', 'date/time', { slot: 'when', date: this.#date, time: this.#time });
    }
  }

  #hearService(text: string): void {
    this.#takeSlots(text);
    if (this.#service) {
      this.#advance();
      return;
    }
    const names = this.#business.services.map((service) => service.name);
    this.#failed('service', `Sorry, which service would you like? We offer ${listWords(names, 'or')}.`);
  }

  #hearWhen(text: string): void {
    const before = `${this.#date}|${this.#time}`;
    this.#takeSlots(text);
    if (`${this.#date}|${this.#time}` !== before) {
      this.#advance();
      return;
    }
    this.#failed('when', PROMPTS.whenAgain);
  }

  #hearName(text: string): void {
    const name = extractName(text, true) ?? (this.#flow === 'message' ? text.trim() : undefined);
    if (name) {
      this.#name = name;
      this.#decide('slot_filled', 'name', { slot: 'name' });
      this.#advance();
      return;
    }
    this.#failed('name', PROMPTS.fullName);
  }

  #hearBookingDate(text: string): void {
    const date = parseWhen(text, this.#now()).date;
    if (date) {
      this.#bookingDate = date;
      this.#decide('slot_filled', 'booking date', { slot: 'booking_date', date });
      this.#advance();
      return;
    }
    this.#failed('booking_date', PROMPTS.whichBookingDate);
  }

  #hearPhone(phone: string | undefined): void {
    if (phone) {
      this.#phone = phone;
      this.#keyedDigits = '';
      this.#decide('slot_filled', 'phone number', { slot: 'phone' });
      this.#advance();
      return;
    }
    this.#failed('phone', PROMPTS.sayDigits);
  }

  #key(digit: string): void {
    if (this.#awaiting === 'phone') {
      if (digit === '#') {
        this.#hearPhone(phoneFromDigits(this.#keyedDigits));
        return;
      }
      if (!/^\d$/.test(digit)) return;
      this.#keyedDigits += digit;
      const phone = phoneFromDigits(this.#keyedDigits);
      if (phone && (this.#keyedDigits.length === 11 || !this.#keyedDigits.startsWith('1'))) {
        this.#hearPhone(phone);
      }
      return;
    }
    if (
      this.#awaiting === 'confirm_booking' ||
      this.#awaiting === 'confirm_cancel' ||
      this.#awaiting === 'offer_message'
    ) {
      if (digit === '1') {
        this.#hear('yes');
        return;
      }
      if (digit === '2') {
        this.#hear('no');
        return;
      }
    }
    this.#decide('dtmf_ignored', `digit while ${this.#awaiting}`, { awaiting: this.#awaiting });
  }

  #hearConfirmation(text: string, what: 'booking' | 'cancel'): void {
    const answer = recognizeYesNo(text);
    if (answer === 'yes') {
      this.#decide('confirmed', what);
      if (what === 'cancel' && this.#appointment) {
        this.#callTool('cancel_appointment', { appointmentId: this.#appointment.id });
        return;
      }
      this.#book();
      return;
    }
    if (answer === 'no') {
      this.#decide('declined', what);
      if (what === 'cancel') {
        this.#anythingElse('Okay, I will leave it as it is.');
        return;
      }
      // Maybe a new time came with the no ("no, make it three"): take it and check again.
      this.#takeSlots(text);
      if (!this.#availabilityChecked) {
        this.#advance();
        return;
      }
      this.#date = undefined;
      this.#time = undefined;
      this.#availabilityChecked = false;
      this.#ask('when', PROMPTS.newTime);
      return;
    }
    this.#failed('confirm', PROMPTS.yesOrNo);
  }

  #hearOfferMessage(text: string): void {
    if (recognizeYesNo(text) === 'yes') {
      this.#decide('fallback', 'caller accepted taking a message');
      this.#flow = 'message';
      this.#failures.clear();
      this.#advance();
      return;
    }
    this.#flow = undefined;
    this.#failures.clear();
    this.#ask('intent', PROMPTS.howElse);
  }

  #failed(slot: string, prompt: string, next: Awaiting = this.#awaiting): void {
    const attempts = (this.#failures.get(slot) ?? 0) + 1;
    this.#failures.set(slot, attempts);
    this.#decide('slot_failed', `could not understand ${slot}`, { slot, attempts });
    if (attempts >= MAX_ATTEMPTS && this.#flow !== 'message') {
      this.#decide('fallback', `offering a message after ${attempts} failed attempts at ${slot}`, { slot });
      this.#ask('offer_message', PROMPTS.offerMessage);
      return;
    }
    this.#ask(next, prompt);
  }

  /** Asks for the next missing slot of the current flow, or calls its tool. */
  #advance(): void {
    const zone = this.#business.timeZone;
    switch (this.#flow) {
      case 'book': {
        if (!this.#service && this.#business.services.length === 1)
          this.#service = this.#business.services[0];
        if (!this.#service) {
          const names = this.#business.services.map((service) => service.name);
          this.#ask('service', `Sure. Which service would you like? We offer ${listWords(names, 'or')}.`);
          return;
        }
        if (!this.#date && !this.#time) {
          this.#ask('when', `What day and time would you like for your ${this.#service.name}?`);
          return;
        }
        if (!this.#date) {
          this.#ask('when', PROMPTS.whichDay);
          return;
        }
        if (!this.#time) {
          this.#ask('when', `What time on ${describeDate(this.#date, zone)}?`);
          return;
        }
        if (!this.#availabilityChecked) {
          this.#callTool('check_availability', {
            service: this.#service.name,
            date: this.#date,
            preferredTime: this.#time,
          });
          return;
        }
        if (!this.#name) {
          this.#ask('name', PROMPTS.name);
          return;
        }
        if (!this.#phone) {
          this.#ask('phone', PROMPTS.phone);
          return;
        }
        this.#ask(
          'confirm_booking',
          `Let me read that back: a ${this.#service.name} on ${describeWhen(this.#date, this.#time, zone)}, for ${this.#name}, phone number ${speakPhone(this.#phone)}. Shall I book it?`,
        );
        return;
      }
      case 'message':
        if (!this.#name) {
          this.#ask('name', PROMPTS.messageName);
          return;
        }
        if (!this.#phone) {
          this.#ask('phone', PROMPTS.callbackNumber);
          return;
        }
        if (!this.#reason) {
          this.#ask('message_reason', PROMPTS.messageReason);
          return;
        }
        this.#callTool('take_message', {
          callerName: this.#name,
          reason: this.#reason,
          ...this.#phoneIfNotCallerId('callbackNumber'),
        });
        return;
      case 'reschedule':
      case 'cancel':
      case 'check':
        if (!this.#appointment && !this.#callerNumber) {
          // Without caller ID the booking is found (and the caller verified) by name and date.
          if (!this.#name) {
            this.#ask('name', PROMPTS.bookingName);
            return;
          }
          if (!this.#bookingDate) {
            this.#ask('booking_date', PROMPTS.bookingDate);
            return;
          }
        }
        if (!this.#appointment) {
          this.#callTool(
            'find_my_appointments',
            this.#callerNumber ? {} : { customerName: this.#name, date: this.#bookingDate },
          );
          return;
        }
        if (this.#flow === 'reschedule') {
          if (!this.#date || !this.#time) {
            this.#ask('when', PROMPTS.moveTo);
            return;
          }
          this.#callTool('reschedule_appointment', {
            appointmentId: this.#appointment.id,
            newDate: this.#date,
            newTime: this.#time,
          });
          return;
        }
        this.#ask('confirm_cancel', PROMPTS.confirmCancel);
        return;
      case undefined:
        this.#ask('intent', PROMPTS.howCanIHelp);
        return;
    }
  }

  #book(): void {
    if (!this.#service || !this.#date || !this.#time) {
      this.#advance();
      return;
    }
    this.#callTool('book_appointment', {
      service: this.#service.name,
      date: this.#date,
      time: this.#time,
      customerName: this.#name,
      ...this.#phoneIfNotCallerId('phone'),
    });
  }

  /** The tools use caller ID by default and take a number only when it differs. */
  #phoneIfNotCallerId(key: string): Record<string, string> {
    return this.#phone && this.#phone !== this.#callerNumber ? { [key]: this.#phone } : {};
  }

  #anythingElse(prefix: string): void {
    this.#flow = undefined;
    this.#failures.clear();
    this.#ask('intent', `${prefix} ${PROMPTS.anythingElse}`.trim());
  }

  #toolResult(name: string, result: ToolResult): void {
    if (name !== this.#pendingTool) {
      this.#decide('tool_result_ignored', `unexpected result from ${name}`, { name });
      return;
    }
    this.#pendingTool = undefined;
    this.#awaiting = 'intent';
    switch (name) {
      case 'check_availability':
        this.#availabilityResult(result);
        return;
      case 'book_appointment':
        if (result.ok) {
          this.#decide('booked', 'appointment booked', { date: this.#date, time: this.#time });
          this.#anythingElse(result.message);
          return;
        }
        this.#availabilityChecked = false;
        this.#time = undefined;
        this.#decide('booking_failed', result.code ?? 'failed', { code: result.code });
        this.#failed('when', `${result.message} What other time would work for you?`, 'when');
        return;
      case 'find_my_appointments':
        this.#appointmentsResult(result);
        return;
      case 'transfer_call':
        if (result.ok) {
          this.#say(result.message);
          return;
        }
        this.#ask('offer_message', `${result.message} Would you like me to take a message instead?`);
        return;
      case 'end_call':
        this.#awaiting = 'done';
        return;
      default:
        this.#anythingElse(result.message);
        return;
    }
  }

  #availabilityResult(result: ToolResult): void {
    const zone = this.#business.timeZone;
    if (!result.ok || !this.#date || !this.#time) {
      this.#time = undefined;
      this.#failed('when', `${result.message} What other day or time would work?`, 'when');
      return;
    }
    const wanted = DateTime.fromISO(`${this.#date}T${this.#time}`, { zone });
    const starts = freeSlotStarts(result.data);
    const free = starts?.map((start) => DateTime.fromISO(start, { zone }));
    if (free === undefined || free.some((slot) => slot.toMillis() === wanted.toMillis())) {
      this.#availabilityChecked = true;
      this.#decide('slot_available', 'requested time is free', { date: this.#date, time: this.#time });
      this.#advance();
      return;
    }
    const nearest = [...free]
      .sort((a, b) => Math.abs(a.diff(wanted).toMillis()) - Math.abs(b.diff(wanted).toMillis()))
      .slice(0, 3)
      .sort((a, b) => a.toMillis() - b.toMillis());
    const requested = describeWhen(this.#date, this.#time, zone);
    this.#time = undefined;
    this.#decide('alternatives_offered', 'requested time is taken', {
      requested: wanted.toISO(),
      offered: nearest.map((slot) => slot.toISO()),
    });
    if (nearest.length === 0) {
      this.#date = undefined;
      this.#failed(
        'when',
        `Sorry, we have nothing free on ${describeDate(wanted.toISODate() ?? '', zone)}. Which other day would work?`,
        'when',
      );
      return;
    }
    const times = nearest.map((slot) => slot.toFormat(slot.minute === 0 ? 'h a' : 'h:mm a'));
    this.#failed(
      'when',
      `Sorry, ${requested} is not available. I have ${listWords(times, 'or')}. Which would you like?`,
      'when',
    );
  }

  #appointmentsResult(result: ToolResult): void {
    const appointment = result.ok ? firstAppointment(result.data) : undefined;
    if (this.#flow === 'check' || !appointment) {
      this.#anythingElse(result.message);
      return;
    }
    this.#appointment = appointment;
    this.#decide('appointment_found', 'found the caller appointment', { appointmentId: appointment.id });
    if (this.#flow === 'cancel') {
      this.#ask('confirm_cancel', `${result.message} Would you like me to cancel it?`);
      return;
    }
    this.#say(result.message);
    this.#advance();
  }
}

/** "a, b or c" */
export function listWords(words: readonly string[], conjunction: 'and' | 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}
