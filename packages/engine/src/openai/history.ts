import type { TranscriptEntry } from '../engine.ts';

interface HistoryEntry {
  itemId: string;
  role: 'caller' | 'agent';
  text: string;
  final: boolean;
  interrupted: boolean;
}

/**
 * What was said on the call, in order, as the caller heard it: an agent reply cut by barge-in keeps
 * only the part that played. It outlives any one Realtime connection, so a reconnect can re-seed it,
 * and the supervisor reads it as "the conversation so far".
 */
export class ConversationHistory {
  readonly #entries: HistoryEntry[] = [];

  constructor(initial: readonly TranscriptEntry[] = []) {
    initial.forEach((entry, index) => {
      this.#entries.push({ itemId: `seed_${index}`, ...entry, final: true, interrupted: false });
    });
  }

  /** Reserves the entry's place in order the first time the item is seen (speech start, first audio). */
  touch(itemId: string, role: HistoryEntry['role']): HistoryEntry {
    const existing = this.#entries.find((entry) => entry.itemId === itemId);
    if (existing) return existing;
    const entry: HistoryEntry = { itemId, role, text: '', final: false, interrupted: false };
    this.#entries.push(entry);
    return entry;
  }

  /** Appends a streamed piece; returns the text so far, or undefined once the entry is final. */
  appendDelta(itemId: string, role: HistoryEntry['role'], delta: string): string | undefined {
    const entry = this.touch(itemId, role);
    if (entry.final) return undefined;
    entry.text += delta;
    return entry.text;
  }

  /** Sets the final text; returns false when the entry was already final (e.g. cut by barge-in). */
  finalize(itemId: string, role: HistoryEntry['role'], text: string): boolean {
    const entry = this.touch(itemId, role);
    if (entry.final) return false;
    entry.text = text.trim();
    entry.final = true;
    return true;
  }

  /**
   * Cuts an agent reply at the share of its audio the caller heard. Words are assumed to be spread
   * evenly over the audio; the cut falls on a word boundary. Returns the heard text.
   */
  truncate(itemId: string, heardFraction: number): string {
    const entry = this.touch(itemId, 'agent');
    const words = entry.text.trim().split(/\s+/).filter(Boolean);
    const kept = Math.round(words.length * Math.min(1, Math.max(0, heardFraction)));
    entry.text = words.slice(0, kept).join(' ');
    entry.final = true;
    entry.interrupted = true;
    return entry.text;
  }

  /**
   * The connection died: turns still streaming will never finish there. They are dropped rather than
   * re-seeded, since nobody knows how much of them the caller heard; the agent is asked to go on instead.
   */
  dropUnfinished(): void {
    for (let index = this.#entries.length - 1; index >= 0; index -= 1) {
      if (!this.#entries[index]?.final) this.#entries.splice(index, 1);
    }
  }

  isFinal(itemId: string): boolean {
    return this.#entries.find((entry) => entry.itemId === itemId)?.final ?? false;
  }

  /** Turns with words in them, oldest first. */
  entries(): TranscriptEntry[] {
    return this.#entries
      .filter((entry) => entry.text.trim().length > 0)
      .map((entry) => ({ role: entry.role, text: entry.text.trim() }));
  }

  /** Whether the caller spoke last, i.e. the agent still owes an answer. */
  callerSpokeLast(): boolean {
    return this.entries().at(-1)?.role === 'caller';
  }
}

/** Realtime conversation items that re-create what was said in a fresh session (text, no audio). */
export function seedItems(entries: readonly TranscriptEntry[]): Array<Record<string, unknown>> {
  return entries.map((entry) => ({
    type: 'message',
    role: entry.role === 'caller' ? 'user' : 'assistant',
    content: [{ type: entry.role === 'caller' ? 'input_text' : 'output_text', text: entry.text }],
  }));
}
