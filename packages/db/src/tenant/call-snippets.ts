import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { calls, callTurns } from '../schema/index.ts';
import { type SnippetPart, searchWords } from './call-search-query.ts';

/**
 * The best-matching line of each listed call, matched words marked. Read from the page's own calls (their
 * turns by the (call_id, sequence) index and their summaries), matched here with the FTS table's rules:
 * case and accents folded (unicode61 remove_diacritics), words of 3+ letters as prefixes, every word in
 * the one line. FTS5's snippet() would need a MATCH per candidate row, which costs milliseconds each.
 */
export interface CallSnippet {
  callId: string;
  parts: SnippetPart[];
}

/** Words shown around the first match. */
const CONTEXT_WORDS = 12;
const MIN_PREFIX_LENGTH = 3;

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

interface Token {
  start: number;
  end: number;
  folded: string;
}

function tokenize(line: string): Token[] {
  return [...line.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    folded: fold(m[0]),
  }));
}

function matches(token: string, word: string): boolean {
  return [...word].length >= MIN_PREFIX_LENGTH ? token.startsWith(word) : token === word;
}

/** The marked snippet of a line holding every word, with its number of matched tokens; else undefined. */
function snippetOf(line: string, words: string[]): { parts: SnippetPart[]; hits: number } | undefined {
  const tokens = tokenize(line);
  const hit = tokens.map((token) => words.some((word) => matches(token.folded, word)));
  if (!words.every((word) => tokens.some((token) => matches(token.folded, word)))) return undefined;
  const first = hit.indexOf(true);
  const from = Math.max(0, first - Math.floor(CONTEXT_WORDS / 3));
  const to = Math.min(tokens.length, from + CONTEXT_WORDS);
  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => {
    if (text === '') return;
    const last = parts.at(-1);
    if (last !== undefined && last.match === match) last.text += text;
    else parts.push({ text, match });
  };
  let cursor = tokens[from]?.start ?? 0;
  if (from > 0) push('…', false);
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    push(line.slice(cursor, token.start), false);
    push(line.slice(token.start, token.end), hit[i] ?? false);
    cursor = token.end;
  }
  push(to < tokens.length ? ' …' : line.slice(cursor), false);
  return { parts, hits: hit.filter(Boolean).length };
}

export async function callSnippets(
  ex: Executor,
  businessId: string,
  callIds: readonly string[],
  search: string,
): Promise<CallSnippet[]> {
  const words = searchWords(search).map(fold);
  if (words.length === 0 || callIds.length === 0) return [];
  const lines = await ex
    .select({ callId: callTurns.callId, text: callTurns.text })
    .from(callTurns)
    .where(and(eq(callTurns.businessId, businessId), inArray(callTurns.callId, [...callIds])))
    .orderBy(asc(callTurns.callId), asc(callTurns.sequence));
  const summaries = await ex
    .select({ callId: calls.id, text: calls.summary })
    .from(calls)
    .where(and(eq(calls.businessId, businessId), inArray(calls.id, [...callIds]), isNotNull(calls.summary)));
  const best = new Map<string, { parts: SnippetPart[]; hits: number }>();
  for (const { callId, text } of [...lines, ...summaries]) {
    if (text === null) continue;
    const found = snippetOf(text, words);
    const seen = best.get(callId);
    if (found !== undefined && (seen === undefined || found.hits > seen.hits)) best.set(callId, found);
  }
  return callIds.flatMap((callId) => {
    const found = best.get(callId);
    return found === undefined ? [] : [{ callId, parts: found.parts }];
  });
}
