/**
 * The calls in progress on this voice server, as the dashboard's live view sees them: a summary per call
 * and each call's events (transcript lines, tool results, state changes, staff actions, the end) in order.
 * Fed per transcript line and per tool result, never per audio frame. Memory only: a call's entry goes with
 * the call; the call log in the database stays the record.
 */

export type LiveCallState = 'preparing' | 'in_progress' | 'ending' | 'ended';

export interface LiveCallSummary {
  callId: string;
  channel: 'phone' | 'browser';
  startedAtMs: number;
  state: LiveCallState;
  engine?: string | undefined;
  language?: string | undefined;
  /** Personal data: only in the member's own view, never logged. */
  callerNumber?: string | undefined;
}

export type LiveCallEventBody =
  | { type: 'turn'; role: 'caller' | 'agent' | 'system'; text: string }
  | {
      type: 'tool';
      toolCallId: string;
      name: string;
      arguments: unknown;
      status: 'ok' | 'failed' | 'error' | 'timeout' | 'late';
      message: string;
      latencyMs: number;
    }
  | { type: 'state'; state: LiveCallState; engine?: string | undefined }
  | { type: 'end'; status: string; reason: string };

export type LiveCallEvent = LiveCallEventBody & { seq: number; atMs: number };

export type LiveCallListener = (event: LiveCallEvent) => void;

/** Past events a late subscriber can catch up on; a longer call keeps its newest ones. */
const BACKLOG_LIMIT = 1_000;

interface Entry {
  businessId: string;
  /** Writes a system line to the call's log (and so to this feed): how staff actions reach the timeline. */
  logSystemLine: (text: string) => void;
  summary: LiveCallSummary;
  events: LiveCallEvent[];
  nextSeq: number;
  listeners: Set<LiveCallListener>;
}

export class LiveCalls {
  readonly #calls = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(options: { now: () => number }) {
    this.#now = options.now;
  }

  open(call: {
    callId: string;
    businessId: string;
    channel: 'phone' | 'browser';
    logSystemLine: (text: string) => void;
  }): void {
    if (this.#calls.has(call.callId)) return;
    this.#calls.set(call.callId, {
      businessId: call.businessId,
      logSystemLine: call.logSystemLine,
      summary: { callId: call.callId, channel: call.channel, startedAtMs: this.#now(), state: 'preparing' },
      events: [],
      nextSeq: 1,
      listeners: new Set(),
    });
  }

  /** Details learned as the call is prepared (engine, language, caller). */
  describe(callId: string, details: Partial<Omit<LiveCallSummary, 'callId' | 'state'>>): void {
    const entry = this.#calls.get(callId);
    if (entry) Object.assign(entry.summary, stripUndefined(details));
  }

  publish(callId: string, body: LiveCallEventBody): void {
    const entry = this.#calls.get(callId);
    if (!entry || entry.summary.state === 'ended') return;
    if (body.type === 'state') {
      entry.summary.state = body.state;
      if (body.engine !== undefined) entry.summary.engine = body.engine;
    }
    if (body.type === 'end') entry.summary.state = 'ended';
    const event = { ...body, seq: entry.nextSeq++, atMs: this.#now() } as LiveCallEvent;
    entry.events.push(event);
    if (entry.events.length > BACKLOG_LIMIT) entry.events.shift();
    for (const listener of entry.listeners) listener(event);
  }

  /** The call is gone from this server: an end is sent if none was, then listeners are let go. */
  close(callId: string): void {
    const entry = this.#calls.get(callId);
    if (!entry) return;
    if (entry.summary.state !== 'ended')
      this.publish(callId, { type: 'end', status: 'ended', reason: 'closed' });
    entry.listeners.clear();
    this.#calls.delete(callId);
  }

  /** Records a line in the call's timeline (a staff action); false when the call is not live here. */
  logSystemLine(callId: string, text: string): boolean {
    const entry = this.#calls.get(callId);
    if (!entry) return false;
    entry.logSystemLine(text);
    return true;
  }

  /** The business a live call belongs to, or undefined when it is not live here. */
  businessOf(callId: string): string | undefined {
    return this.#calls.get(callId)?.businessId;
  }

  list(businessId: string): LiveCallSummary[] {
    return [...this.#calls.values()]
      .filter((entry) => entry.businessId === businessId)
      .map((entry) => ({ ...entry.summary }));
  }

  summary(callId: string): LiveCallSummary | undefined {
    const entry = this.#calls.get(callId);
    return entry ? { ...entry.summary } : undefined;
  }

  /**
   * Events after `afterSeq` so far, then every new one to `listener` until `unsubscribe` or the call's
   * end. Undefined when the call is not live here.
   */
  subscribe(
    callId: string,
    afterSeq: number,
    listener: LiveCallListener,
  ): { backlog: LiveCallEvent[]; unsubscribe: () => void } | undefined {
    const entry = this.#calls.get(callId);
    if (!entry) return undefined;
    entry.listeners.add(listener);
    return {
      backlog: entry.events.filter((event) => event.seq > afterSeq),
      unsubscribe: () => entry.listeners.delete(listener),
    };
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
