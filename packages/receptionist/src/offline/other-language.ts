import { languageName } from '@receptionist/domain';
import type { BusinessBrief } from '@receptionist/engine';
import type {
  DialoguePolicy as EngineDialoguePolicy,
  PolicyAction,
  PolicyInput,
} from '@receptionist/engine/local';
import { phoneFromDigits } from './extract.ts';
import { type OtherLanguagePrompts, otherLanguagePrompts } from './other-language-prompts.ts';

export interface OtherLanguageOptions {
  business: BusinessBrief;
  greeting: string;
  callerNumber?: string | undefined;
  resumed?: boolean | undefined;
  /** The call's language, one the offline engine cannot understand (e.g. `es-MX`). */
  language: string;
}

type Awaiting = 'choice' | 'number' | 'tool' | 'done';

/**
 * The offline receptionist for a caller whose language the offline engine cannot understand: it says so
 * in the caller's language (espeak-ng speaks it) and works by keypad — 1 leaves a message asking for a
 * call back in that language, 2 transfers to a person when the business has one — instead of mishearing
 * the caller as English. What the caller says is never taken as an answer: it only repeats the menu.
 */
export class OtherLanguagePolicy implements EngineDialoguePolicy {
  readonly #options: OtherLanguageOptions;
  readonly #words: OtherLanguagePrompts;
  #awaiting: Awaiting = 'choice';
  #keyed = '';
  #actions: PolicyAction[] = [];

  constructor(options: OtherLanguageOptions) {
    this.#options = options;
    this.#words = otherLanguagePrompts(options.language);
  }

  get #canTransfer(): boolean {
    return this.#options.business.transferDestinations.length > 0;
  }

  handle(input: PolicyInput): PolicyAction[] {
    this.#actions = [];
    switch (input.type) {
      case 'start':
        this.#decide('language_unsupported', `offline engine cannot understand ${this.#options.language}`, {
          language: this.#options.language,
        });
        if (!this.#options.resumed) this.#say(this.#options.greeting);
        this.#say(this.#words.cannotUnderstand, this.#words.menu(this.#canTransfer));
        break;
      case 'caller_text':
        // Heard through an English model: never an answer. Point at the keypad again.
        if (this.#awaiting === 'choice') this.#say(this.#words.menu(this.#canTransfer));
        else if (this.#awaiting === 'number') this.#say(this.#words.keyNumber);
        break;
      case 'dtmf':
        this.#key(input.digit);
        break;
      case 'tool_result':
        this.#toolResult(input.name, input.result.ok);
        break;
    }
    return this.#actions;
  }

  #key(digit: string): void {
    if (this.#awaiting === 'number') {
      if (digit !== '#') {
        if (/^\d$/.test(digit)) this.#keyed += digit;
        return;
      }
      const phone = phoneFromDigits(this.#keyed);
      this.#keyed = '';
      if (phone === undefined) {
        this.#say(this.#words.badNumber);
        return;
      }
      this.#takeMessage(phone);
      return;
    }
    if (this.#awaiting !== 'choice') return;
    if (digit === '1') {
      if (this.#options.callerNumber) this.#takeMessage(this.#options.callerNumber);
      else {
        this.#awaiting = 'number';
        this.#say(this.#words.keyNumber);
      }
      return;
    }
    if (digit === '2' && this.#canTransfer) {
      const destination = this.#options.business.transferDestinations[0];
      this.#awaiting = 'tool';
      this.#say(this.#words.transferring);
      this.#action({
        type: 'call_tool',
        name: 'transfer_call',
        args: { destination: destination?.name ?? '' },
      });
      return;
    }
    this.#say(this.#words.menu(this.#canTransfer));
  }

  #takeMessage(callbackNumber: string): void {
    this.#awaiting = 'tool';
    const { language } = this.#options;
    this.#action({
      type: 'call_tool',
      name: 'take_message',
      args: {
        callbackNumber,
        reason: this.#words.messageReason(languageName(language, 'en'), language),
        urgency: 'normal',
      },
    });
  }

  #toolResult(name: string, ok: boolean): void {
    if (name === 'take_message' && ok) {
      this.#awaiting = 'done';
      this.#say(this.#words.messageTaken, this.#words.goodbye);
      this.#action({ type: 'call_tool', name: 'end_call', args: { reason: 'message taken by keypad' } });
      return;
    }
    if (name === 'transfer_call' && ok) {
      this.#awaiting = 'done';
      return;
    }
    if (name === 'end_call') return;
    this.#awaiting = 'choice';
    this.#say(
      name === 'transfer_call' ? this.#words.noTransfer : this.#words.failed,
      this.#words.menu(false),
    );
  }

  #say(...sentences: string[]): void {
    for (const text of sentences) this.#action({ type: 'say', text });
  }

  #decide(kind: string, detail: string, data?: Record<string, unknown>): void {
    this.#action({ type: 'decision', kind, detail, ...(data ? { data } : {}) });
  }

  #action(action: PolicyAction): void {
    this.#actions.push(action);
  }
}
