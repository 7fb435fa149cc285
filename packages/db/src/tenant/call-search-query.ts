/**
 * Turns what a person typed into an FTS5 query over `call_search` that can never be a syntax error or
 * reach past its business: the input is cut into words (letters and digits only), each word becomes a
 * quoted FTS5 string (so `AND`, `NEAR`, `*`, `"`, `:` and parentheses are just text), and the whole is
 * bound to the business's tenant token. Words of three letters or more match as prefixes ("book" finds
 * "booking"), closer to the substring search the list had before; shorter ones must match whole.
 */

/** At most this many words are searched; more only slow the query without narrowing it much. */
export const MAX_SEARCH_WORDS = 8;
const MIN_PREFIX_LENGTH = 3;

/**
 * The business as the single token stored in `call_search.tenant` ('#' || hex(business_id) in SQL). '#' is
 * a token character of the table and never part of a searched word, so no word can match it.
 */
export function tenantToken(businessId: string): string {
  return `#${Buffer.from(businessId, 'utf8').toString('hex').toUpperCase()}`;
}

/** The words of a search as FTS5 sees them, or [] when nothing searchable was typed. */
export function searchWords(input: string): string[] {
  const words = input.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  return words.slice(0, MAX_SEARCH_WORDS);
}

/** The MATCH expression for one business, or undefined when the input holds no word. */
export function callSearchMatch(businessId: string, input: string): string | undefined {
  const words = searchWords(input);
  if (words.length === 0) return undefined;
  const terms = words.map((word) => `"${word}"${[...word].length >= MIN_PREFIX_LENGTH ? '*' : ''}`);
  // No column filters: they would make FTS5 read position lists; the '#' token keeps the columns apart.
  return `"${tenantToken(businessId)}" AND (${terms.join(' ')})`;
}

/** A snippet cut into plain and matched parts, for highlighting without any markup in the data. */
export interface SnippetPart {
  text: string;
  match: boolean;
}
