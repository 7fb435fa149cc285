/**
 * Fake OpenAI peers (Realtime + Responses, the engine package's loopback fakes) played from a scenario's
 * `openai_script`, so the OpenAI engine's scenarios run in `npm test` without a key or a network. The fake
 * Realtime server hears each caller turn by energy and "transcribes" it as the scenario's line (any
 * language); the chat agent defers every turn to the supervisor with the script's language; the supervisor
 * model calls the script's tools (the real receptionist tools on the test database) and then answers.
 * Scenarios run one at a time against these peers.
 */
import {
  FakeOpenAIRealtimeServer,
  FakeOpenAIResponsesServer,
  type FakeRealtimeReply,
  type FakeRealtimeResponderInput,
  type FakeResponsesRequest,
  type FakeResponsesStep,
} from '@receptionist/engine/testing';
import { DateTime } from 'luxon';
import { resolveDateCandidates } from '../scenario/dates.ts';
import { DatePhrase, type OpenAIScriptTurn, type Scenario } from '../scenario/schema.ts';

const SUPERVISOR_TOOL = 'getNextResponseFromSupervisor';

export class ScenarioOpenAIPeers {
  readonly realtime: FakeOpenAIRealtimeServer;
  readonly responses: FakeOpenAIResponsesServer;
  readonly #now: () => number;
  #scenario: Scenario | undefined;
  #timeZone = 'America/New_York';
  #heard = 0;
  #turn = 0;

  private constructor(
    realtime: FakeOpenAIRealtimeServer,
    responses: FakeOpenAIResponsesServer,
    now: () => number,
  ) {
    this.realtime = realtime;
    this.responses = responses;
    this.#now = now;
  }

  static async start(now: () => number): Promise<ScenarioOpenAIPeers> {
    // The fakes call back into the peers object, made once both servers listen.
    const self: { peers?: ScenarioOpenAIPeers } = {};
    const realtime = await FakeOpenAIRealtimeServer.start({
      vad: 'energy',
      transcribe: () => self.peers?.nextLine() ?? '',
      respond: (input) => self.peers?.respond(input) ?? { kind: 'none' },
    });
    const responses = await FakeOpenAIResponsesServer.start({
      script: (request) => self.peers?.supervise(request) ?? { kind: 'text', text: 'Sorry.' },
    });
    self.peers = new ScenarioOpenAIPeers(realtime, responses, now);
    return self.peers;
  }

  /** The voice server's variables that point its OpenAI engine at these peers (no worker: it would call them too). */
  env(): Record<string, string> {
    return {
      ENGINE: 'openai',
      OPENAI_API_KEY: 'sk-scenario-fake',
      OPENAI_REALTIME_URL: this.realtime.url,
      OPENAI_BASE_URL: this.responses.baseUrl,
      WORKER: 'off',
    };
  }

  /** Plays `scenario` on the next call; `timeZone` resolves its date phrases as the business does. */
  play(scenario: Scenario, timeZone: string): void {
    this.#scenario = scenario;
    this.#timeZone = timeZone;
    this.#heard = 0;
    this.#turn = 0;
  }

  async close(): Promise<void> {
    await this.realtime.close();
    await this.responses.close();
  }

  #sayLines(): string[] {
    return (this.#scenario?.turns ?? []).flatMap((turn) =>
      typeof turn === 'object' && 'say' in turn ? [turn.say] : [],
    );
  }

  /** The transcript the fake Realtime server gives the next caller turn it hears. */
  nextLine(): string {
    const line = this.#sayLines()[this.#heard] ?? '';
    this.#heard += 1;
    return line;
  }

  #script(): OpenAIScriptTurn | undefined {
    return this.#scenario?.openai_script?.[this.#turn];
  }

  /** The chat agent: say what it is asked to, read supervisor answers, defer each caller turn. */
  respond({ request, items }: FakeRealtimeResponderInput): FakeRealtimeReply {
    if (typeof request?.instructions === 'string') {
      const sentence = /"(.*)"/s.exec(request.instructions)?.[1];
      return sentence ? { kind: 'audio', transcript: sentence } : { kind: 'none' };
    }
    const last = items.at(-1);
    if (last?.type === 'function_call_output') return { kind: 'audio', transcript: String(last.output) };
    const callerTurns = items.filter((item) => item.type === 'message' && item.role === 'user').length;
    this.#turn = Math.max(0, callerTurns - 1);
    const heard = this.#sayLines()[this.#turn] ?? '';
    const language = this.#script()?.language;
    return {
      kind: 'function_call',
      name: SUPERVISOR_TOOL,
      arguments: {
        relevantContextFromLastUserMessage: heard,
        ...(language ? { callerLanguage: language } : {}),
      },
    };
  }

  /** The supervisor model: the script's tools in order, then its reply with `{spoken}` filled in. */
  supervise(request: FakeResponsesRequest): FakeResponsesStep {
    const script = this.#script();
    if (script === undefined) return { kind: 'text', text: 'Sorry, could you say that again?' };
    const input = (request.body.input ?? []) as Array<{ type?: string; output?: string }>;
    const done = input.filter((item) => item.type === 'function_call').length;
    const next = script.tools[done];
    if (next !== undefined) {
      return {
        kind: 'tool_calls',
        calls: [{ name: next.name, arguments: this.#resolveDates(next.arguments) }],
      };
    }
    const outputs = input.filter((item) => item.type === 'function_call_output');
    return { kind: 'text', text: script.reply.replaceAll('{spoken}', spokenOf(outputs.at(-1)?.output)) };
  }

  #resolveDates(args: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(args).map(([key, value]) => {
        if (typeof value !== 'string' || !DatePhrase.safeParse(value).success) return [key, value];
        const now = DateTime.fromMillis(this.#now());
        return [key, resolveDateCandidates(value, this.#timeZone, now)[0] ?? value];
      }),
    );
  }
}

/** The read-back a tool result carries: a booked appointment's `spoken`, else the first free slot's. */
function spokenOf(output: string | undefined): string {
  try {
    const parsed = JSON.parse(output ?? '{}') as {
      data?: { appointment?: { spoken?: string }; slots?: Array<{ spoken?: string }> };
    };
    return parsed.data?.appointment?.spoken ?? parsed.data?.slots?.[0]?.spoken ?? '';
  } catch {
    return '';
  }
}
