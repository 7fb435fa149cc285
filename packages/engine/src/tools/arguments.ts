/**
 * Tool arguments as the engines receive them: the Realtime and Responses APIs send JSON text, the SDK
 * and the offline policy send objects. Text that is not JSON is passed on as is, so the schema rejects it.
 */
export function parseToolArguments(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
