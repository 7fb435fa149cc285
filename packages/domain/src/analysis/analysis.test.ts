import { describe, expect, it } from 'vitest';
import { analysisFromModel, deterministicAnalysis } from './deterministic.ts';
import type { CallFacts, ToolFact } from './facts.ts';
import { checkPromises } from './promises.ts';
import { mergeQuestions, normalizeQuestion } from './questions.ts';
import { CallAnalysis } from './schema.ts';

function tool(
  name: string,
  ok: boolean,
  args: Record<string, unknown> = {},
  data?: Record<string, unknown>,
): ToolFact {
  return { name, arguments: args, ok, message: undefined, code: ok ? undefined : 'no_answer', data };
}

function facts(overrides: Partial<CallFacts> = {}): CallFacts {
  return {
    callId: 'call_1',
    status: 'completed',
    endReason: 'caller_hangup',
    durationMs: 42_000,
    fromNumber: '+12125550123',
    storedOutcome: null,
    turns: [],
    tools: [],
    prices: [
      { service: 'Cleaning', priceCents: 12_000 },
      { service: 'Checkup', priceCents: 8_000 },
    ],
    language: 'en-US',
    ...overrides,
  };
}

const agent = (text: string) => ({ role: 'agent' as const, text });
const caller = (text: string) => ({ role: 'caller' as const, text });

describe('the promise check', () => {
  it('flags commitments no successful tool backs, and passes the ones that are backed', () => {
    const unkept = checkPromises(
      facts({
        turns: [
          agent("You're booked for a Cleaning on Tuesday at 10."),
          agent('Someone will call you back this afternoon.'),
          agent('A checkup is $80. Whitening is $250.'),
          agent('Would you like me to cancel it? I could not cancel that one.'),
        ],
        tools: [tool('book_appointment', false), tool('take_message', true)],
      }),
    );
    expect(unkept.map((promise) => [promise.kind, promise.quote])).toEqual([
      ['booked', "You're booked for a Cleaning on Tuesday at 10."],
      ['price', 'Whitening is $250.'],
    ]);
  });

  it('finds nothing to flag when each commitment has its tool result', () => {
    expect(
      checkPromises(
        facts({
          turns: [
            agent('Done: your Cleaning is now on Friday at 9. It has been moved.'),
            agent('Your Checkup on Monday is cancelled.'),
          ],
          tools: [tool('reschedule_appointment', true), tool('cancel_appointment', true)],
        }),
      ),
    ).toEqual([]);
  });

  it('flags a cancellation and a callback spoken without any tool call', () => {
    const unkept = checkPromises(
      facts({ turns: [agent("Okay, I've cancelled that for you. The manager will call you tomorrow.")] }),
    );
    expect(unkept.map((promise) => promise.kind)).toEqual(['cancelled', 'callback']);
  });
});

describe('knowledge gap questions', () => {
  it('groups wordings of one question under one key', () => {
    expect(normalizeQuestion('Do you take Delta insurance?')).toBe(
      normalizeQuestion('Delta insurance — do you take it?'),
    );
    expect(normalizeQuestion('Is there parking?')).not.toBe(
      normalizeQuestion('Do you take Delta insurance?'),
    );
    expect(mergeQuestions(['Is there parking?'], ['is there PARKING', 'Do you do braces?'])).toEqual([
      'Is there parking?',
      'Do you do braces?',
    ]);
  });
});

describe('the deterministic analysis', () => {
  it('summarises a booking from the tool results', () => {
    const analysis = deterministicAnalysis(
      facts({
        turns: [
          caller('Hi, I need a cleaning next week.'),
          agent("You're booked for a Cleaning on Tuesday."),
        ],
        tools: [
          tool(
            'book_appointment',
            true,
            { customerName: 'Dana Reyes', phone: '+12025550101' },
            { appointment: { spoken: 'Cleaning on Tuesday, January 8 at 10:00 AM' } },
          ),
        ],
      }),
    );
    expect(CallAnalysis.parse(analysis)).toEqual(analysis);
    expect(analysis).toMatchObject({
      source: 'deterministic',
      outcome: 'booked',
      appointmentChange: 'booked',
      callerName: 'Dana Reyes',
      callbackNumber: '+12025550101',
      followUpNeeded: false,
      unkeptPromises: [],
      language: 'en-US',
    });
    expect(analysis.summary).toBe(
      'Dana Reyes called about their cleaning appointment. The receptionist booked a Cleaning on Tuesday, January 8 at 10:00 AM.',
    );
  });

  it('records a message, an unanswered question and an urgent caller as follow-up', () => {
    const analysis = deterministicAnalysis(
      facts({
        turns: [caller('My tooth is killing me, it is an emergency'), agent("I've passed your message on.")],
        tools: [
          tool('answer_question', false, { question: 'Do you take Delta insurance?' }),
          tool(
            'take_message',
            true,
            { callerName: 'Sam', reason: 'Severe toothache, wants a same-day slot' },
            { messageId: 'msg_1', urgency: 'high' },
          ),
        ],
      }),
    );
    expect(analysis).toMatchObject({
      outcome: 'message_taken',
      callerName: 'Sam',
      callbackNumber: '+12125550123',
      reason: 'Severe toothache, wants a same-day slot',
      urgency: 'high',
      followUpNeeded: true,
      unansweredQuestions: ['Do you take Delta insurance?'],
    });
    const sentences = analysis.summary.split(/(?<=[.”])\s+/);
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    expect(sentences.length).toBeLessThanOrEqual(4);
    expect(analysis.summary).toContain('could not answer: “Do you take Delta insurance?”');
  });

  it('says what happened on a silent call', () => {
    const analysis = deterministicAnalysis(facts({ durationMs: 5_000 }));
    expect(analysis.summary).toBe(
      'A caller called. The caller said nothing; the call ended after 5 seconds.',
    );
    expect(analysis.outcome).toBe('no_action');
  });

  it('takes the model’s narrative but keeps the records’ facts', () => {
    const analysis = analysisFromModel(
      facts({
        turns: [agent("You're all set, you're booked.")],
        tools: [tool('answer_question', false, { question: 'Is there parking?' })],
      }),
      {
        summary: 'Alex asked about parking and a booking.',
        callerName: 'Alex',
        callbackNumber: null,
        reason: 'Parking',
        followUpNeeded: false,
        urgency: 'low',
        language: 'es',
        unansweredQuestions: ['Is there parking??', 'Do you open on Sundays?'],
      },
    );
    expect(analysis).toMatchObject({
      source: 'openai',
      summary: 'Alex asked about parking and a booking.',
      callerName: 'Alex',
      outcome: 'no_action',
      appointmentChange: 'none',
      language: 'es',
      followUpNeeded: true,
      unansweredQuestions: ['Is there parking?', 'Do you open on Sundays?'],
    });
    expect(analysis.unkeptPromises.map((promise) => promise.kind)).toEqual(['booked']);
  });
});
