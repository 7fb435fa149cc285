/**
 * Keyset cursor for search results in relevance order (score asc, id asc): the last row's bm25 score and
 * id. Opaque to clients (base64url) and validated on the way back in, like the time cursor in cursor.ts.
 * A score prints and parses back to the same double, so the next page starts exactly after the last row.
 */
export interface RankCursor {
  score: number;
  id: string;
}

export function encodeRankCursor(cursor: RankCursor): string {
  return Buffer.from(`r:${cursor.score}:${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeRankCursor(value: string | undefined | null): RankCursor | undefined {
  if (value === undefined || value === null || value === '' || value.length > 200) return undefined;
  const decoded = Buffer.from(value, 'base64url').toString('utf8');
  const match = /^r:(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?):([A-Za-z0-9_-]{1,100})$/.exec(decoded);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  const score = Number(match[1]);
  return Number.isFinite(score) ? { score, id: match[2] } : undefined;
}
