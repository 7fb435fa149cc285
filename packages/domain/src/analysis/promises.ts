import type { CallFacts } from './facts.ts';
import type { PromiseKind, UnkeptPromise } from './schema.ts';

/**
 * The promise check: what the receptionist told the caller was done, matched against what the tools did.
 * Commitments are found per sentence of the agent's turns by pattern; a sentence that is a question or
 * negated ("I couldn't book that") commits to nothing. Each kind of commitment needs one `ok` result of
 * the tool that does it; a spoken price must be one of the business's prices.
 */
const COMMITMENTS: ReadonlyArray<{ kind: Exclude<PromiseKind, 'price'>; pattern: RegExp; tools: string[] }> =
  [
    {
      kind: 'booked',
      pattern:
        /\b(you(?:'re|’re| are) (?:all )?(?:booked|scheduled|set)|i(?:'ve|’ve| have) (?:booked|scheduled)|booked you|appointment is (?:confirmed|booked))\b/i,
      tools: ['book_appointment', 'reschedule_appointment'],
    },
    {
      kind: 'cancelled',
      pattern: /\b(i(?:'ve|’ve| have) cancell?ed|(?:is|has been|is now|was) cancell?ed)\b/i,
      tools: ['cancel_appointment'],
    },
    {
      kind: 'rescheduled',
      pattern:
        /\b(i(?:'ve|’ve| have) (?:moved|rescheduled)|(?:is now|has been|was) (?:moved|rescheduled))\b/i,
      tools: ['reschedule_appointment'],
    },
    {
      kind: 'callback',
      pattern:
        /\b((?:someone|somebody|we|they|the team|[a-z]+) will (?:call|ring|get back to|reach|contact) you|call you back|passed (?:your|the) message on)\b/i,
      tools: ['take_message'],
    },
  ];

const NEGATION =
  /\b(not|no|never|unable|can't|can’t|cannot|couldn't|couldn’t|won't|won’t|isn't|isn’t|wasn't)\b/i;

/** Amounts in a sentence, in cents: "$80", "$80.50", "80 dollars". */
function spokenPricesCents(sentence: string): number[] {
  const cents: number[] = [];
  for (const match of sentence.matchAll(/\$\s?(\d{1,6}(?:[.,]\d{2})?)|\b(\d{1,6}) dollars\b/gi)) {
    const amount = match[1] ?? match[2];
    if (amount !== undefined) cents.push(Math.round(Number(amount.replace(',', '.')) * 100));
  }
  return cents;
}

export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '');
}

export function checkPromises(facts: Pick<CallFacts, 'turns' | 'tools' | 'prices'>): UnkeptPromise[] {
  const succeeded = new Set(facts.tools.filter((tool) => tool.ok).map((tool) => tool.name));
  const knownPrices = new Set(facts.prices.map((price) => price.priceCents));
  const unkept: UnkeptPromise[] = [];
  const seen = new Set<string>();
  const flag = (promise: UnkeptPromise) => {
    const key = `${promise.kind}:${promise.quote}`;
    if (seen.has(key)) return;
    seen.add(key);
    unkept.push(promise);
  };
  for (const turn of facts.turns) {
    if (turn.role !== 'agent') continue;
    for (const sentence of sentencesOf(turn.text)) {
      if (sentence.endsWith('?') || NEGATION.test(sentence)) continue;
      const quote = sentence.slice(0, 500);
      for (const commitment of COMMITMENTS) {
        if (!commitment.pattern.test(sentence)) continue;
        if (commitment.tools.some((tool) => succeeded.has(tool))) continue;
        flag({
          kind: commitment.kind,
          quote,
          problem: `No successful ${commitment.tools.join(' or ')} on this call backs it.`,
        });
      }
      for (const cents of spokenPricesCents(sentence)) {
        if (knownPrices.has(cents)) continue;
        flag({
          kind: 'price',
          quote,
          problem: `$${(cents / 100).toFixed(2)} is not a price in the business profile.`,
        });
      }
    }
  }
  return unkept.slice(0, 50);
}
