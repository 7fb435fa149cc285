/**
 * A clock stopped at one instant, for tests: they choose "today" (a month end, a leap day, a DST Sunday, a
 * closed holiday) instead of inheriting the real date. The instant must carry its offset or `Z`, so the
 * moment is the same whatever zone the machine runs in.
 */
export function pinnedClock(isoInstant: string): () => number {
  if (!/(?:Z|[+-]\d{2}:\d{2})$/.test(isoInstant)) {
    throw new Error(`pinnedClock needs an instant with an offset or Z, got "${isoInstant}"`);
  }
  const atMs = Date.parse(isoInstant);
  if (Number.isNaN(atMs)) throw new Error(`pinnedClock got an unreadable instant "${isoInstant}"`);
  return () => atMs;
}
