import { randomUUID } from 'node:crypto';

/**
 * Text ids with a readable prefix (`biz_…`, `call_…`) so a stray id in a log or URL says what it is.
 * The UUID part keeps them unguessable, which matters because ids appear in dashboard URLs.
 */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '')}`;
}

/** Epoch milliseconds: every timestamp column in this schema uses it. */
export function nowMs(): number {
  return Date.now();
}
