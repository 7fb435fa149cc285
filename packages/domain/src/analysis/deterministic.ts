import type { CallOutcome, MessageUrgency } from '@receptionist/db';
import { deriveCallOutcome } from '../calls/outcome.ts';
import { asRecord, type CallFacts, stringField, type ToolFact } from './facts.ts';
import { checkPromises } from './promises.ts';
import { mergeQuestions, unansweredToolQuestions } from './questions.ts';
import type { CallAnalysis, CallAnalysisModelOutput } from './schema.ts';

/**
 * The analysis built from the call's own records, with no model: the facts every analysis shares (outcome,
 * appointment change, who and why from the tools' arguments, the promise check) and a plain summary.
 */

function lastOk(facts: CallFacts, name: string): ToolFact | undefined {
  return facts.tools.filter((tool) => tool.ok && tool.name === name).at(-1);
}

export function outcomeOf(facts: CallFacts): CallOutcome {
  // The call session's outcome, when it set one, is the same rule on the same results: keep it.
  if (facts.storedOutcome !== null) return facts.storedOutcome;
  const status = facts.status === 'transferred' || facts.status === 'failed' ? facts.status : 'completed';
  return deriveCallOutcome({
    succeededTools: new Set(facts.tools.filter((tool) => tool.ok).map((tool) => tool.name)),
    status,
  });
}

function appointmentChangeOf(facts: CallFacts): CallAnalysis['appointmentChange'] {
  if (lastOk(facts, 'book_appointment')) return 'booked';
  if (lastOk(facts, 'reschedule_appointment')) return 'rescheduled';
  if (lastOk(facts, 'cancel_appointment')) return 'cancelled';
  return 'none';
}

function spokenAppointment(tool: ToolFact | undefined, key: string): string | undefined {
  return stringField(asRecord(tool?.data?.[key]), 'spoken');
}

function callerNameOf(facts: CallFacts): string | null {
  const message = lastOk(facts, 'take_message');
  const booking = lastOk(facts, 'book_appointment');
  return (
    stringField(message?.arguments, 'callerName') ?? stringField(booking?.arguments, 'customerName') ?? null
  );
}

function callbackNumberOf(facts: CallFacts): string | null {
  const message = lastOk(facts, 'take_message');
  return (
    stringField(message?.arguments, 'callbackNumber') ??
    stringField(lastOk(facts, 'book_appointment')?.arguments, 'phone') ??
    (message !== undefined ? facts.fromNumber : null)
  );
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function reasonOf(facts: CallFacts): string | null {
  const message = stringField(lastOk(facts, 'take_message')?.arguments, 'reason');
  if (message !== undefined) return clip(message, 200);
  const appointment =
    spokenAppointment(lastOk(facts, 'book_appointment'), 'appointment') ??
    spokenAppointment(lastOk(facts, 'reschedule_appointment'), 'before') ??
    spokenAppointment(lastOk(facts, 'cancel_appointment'), 'appointment');
  if (appointment !== undefined) return `their ${appointment.split(' on ')[0]?.toLowerCase()} appointment`;
  const asked = facts.tools.find((tool) => tool.name === 'answer_question');
  const question = stringField(asked?.arguments, 'question');
  if (question !== undefined) return clip(question, 200);
  const firstWords = facts.turns.find((turn) => turn.role === 'caller')?.text.trim();
  return firstWords ? clip(firstWords, 120) : null;
}

function urgencyOf(facts: CallFacts): MessageUrgency {
  const urgency = stringField(lastOk(facts, 'take_message')?.data, 'urgency');
  if (urgency === 'low' || urgency === 'normal' || urgency === 'high') return urgency;
  const callerSaid = facts.turns.filter((turn) => turn.role === 'caller').map((turn) => turn.text);
  return callerSaid.some((text) => /\b(urgent|emergency|asap|right away|severe)\b/i.test(text))
    ? 'high'
    : 'normal';
}

function actionSentences(facts: CallFacts): string[] {
  const sentences: string[] = [];
  const booked = spokenAppointment(lastOk(facts, 'book_appointment'), 'appointment');
  if (booked !== undefined) sentences.push(`The receptionist booked a ${booked}.`);
  const moved = lastOk(facts, 'reschedule_appointment');
  const movedTo = spokenAppointment(moved, 'after');
  if (movedTo !== undefined)
    sentences.push(`The receptionist moved the appointment to ${movedTo.replace(/^.*? on /, '')}.`);
  const cancelled = spokenAppointment(lastOk(facts, 'cancel_appointment'), 'appointment');
  if (cancelled !== undefined) sentences.push(`The receptionist cancelled the ${cancelled}.`);
  const message = lastOk(facts, 'take_message');
  if (message !== undefined) {
    const number = callbackNumberOf(facts);
    sentences.push(number ? `They asked to be called back on ${number}.` : 'A message was taken.');
  }
  if (lastOk(facts, 'transfer_call') !== undefined || facts.status === 'transferred') {
    sentences.push('The call was transferred to a person.');
  }
  if (sentences.length === 0 && facts.tools.some((tool) => tool.ok)) {
    sentences.push('The receptionist answered their questions.');
  }
  return sentences;
}

function describeEnd(facts: CallFacts): string {
  const seconds = facts.durationMs === null ? undefined : Math.round(facts.durationMs / 1000);
  const length = seconds === undefined ? '' : ` after ${seconds} second${seconds === 1 ? '' : 's'}`;
  if (facts.turns.every((turn) => turn.role !== 'caller'))
    return `The caller said nothing; the call ended${length}.`;
  if (facts.status === 'failed' || facts.status === 'interrupted')
    return `The call ended early (${facts.status})${length}.`;
  return `The call ended${length}.`;
}

/** Two to four sentences: who and why, what was done, what is open, how it ended. */
function summarise(
  facts: CallFacts,
  fields: { callerName: string | null; reason: string | null; unanswered: string[] },
): string {
  const who = fields.callerName ?? 'A caller';
  const message = stringField(lastOk(facts, 'take_message')?.arguments, 'reason');
  const sentences = [
    message !== undefined
      ? `${who} called and left a message: “${clip(message, 200).replace(/[.?!]+$/, '')}”.`
      : `${who} called${fields.reason ? ` about ${fields.reason.replace(/[.?!]+$/, '')}` : ''}.`,
  ];
  sentences.push(...actionSentences(facts).slice(0, 2));
  if (fields.unanswered.length > 0 && sentences.length < 4) {
    sentences.push(`The receptionist could not answer: “${fields.unanswered[0]}”.`);
  }
  if (sentences.length < 2) sentences.push(describeEnd(facts));
  return clip(sentences.slice(0, 4).join(' '), 1200);
}

/** The complete analysis from the call's records alone. */
export function deterministicAnalysis(facts: CallFacts): CallAnalysis {
  const callerName = callerNameOf(facts);
  const reason = reasonOf(facts);
  const unanswered = mergeQuestions(unansweredToolQuestions(facts));
  return finish(facts, {
    source: 'deterministic',
    summary: summarise(facts, { callerName, reason, unanswered }),
    callerName,
    callbackNumber: callbackNumberOf(facts),
    reason,
    urgency: urgencyOf(facts),
    language: facts.language,
    unansweredQuestions: unanswered,
  });
}

/**
 * The analysis with the model's narrative fields. Facts the records know (outcome, appointment change,
 * the promise check, questions the tool could not answer) come from the records, whatever the model said.
 */
export function analysisFromModel(facts: CallFacts, output: CallAnalysisModelOutput): CallAnalysis {
  const fallback = deterministicAnalysis(facts);
  const text = (value: string | null, max: number) => (value?.trim() ? clip(value.trim(), max) : null);
  const language = output.language.trim();
  return finish(facts, {
    source: 'openai',
    summary: text(output.summary, 1200) ?? fallback.summary,
    callerName: text(output.callerName, 200) ?? fallback.callerName,
    callbackNumber: text(output.callbackNumber, 40) ?? fallback.callbackNumber,
    reason: text(output.reason, 500) ?? fallback.reason,
    urgency: output.urgency,
    language: language.length >= 2 && language.length <= 35 ? language : fallback.language,
    unansweredQuestions: mergeQuestions(fallback.unansweredQuestions, output.unansweredQuestions),
    followUpNeeded: output.followUpNeeded,
  });
}

function finish(
  facts: CallFacts,
  fields: Omit<
    CallAnalysis,
    'version' | 'outcome' | 'appointmentChange' | 'unkeptPromises' | 'followUpNeeded'
  > & {
    followUpNeeded?: boolean;
  },
): CallAnalysis {
  const unkeptPromises = checkPromises(facts);
  const outcome = outcomeOf(facts);
  const followUpNeeded =
    (fields.followUpNeeded ?? false) ||
    outcome === 'message_taken' ||
    fields.unansweredQuestions.length > 0 ||
    unkeptPromises.length > 0;
  return {
    version: 1,
    ...fields,
    outcome,
    appointmentChange: appointmentChangeOf(facts),
    followUpNeeded,
    unkeptPromises,
  };
}
