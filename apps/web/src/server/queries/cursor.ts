/**
 * Keyset pagination cursor for lists ordered by (time desc, id desc): the position of the last row shown.
 * Opaque to clients (base64url), validated on the way back in.
 */
export interface KeysetCursor {
  atMs: number;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(`${cursor.atMs}:${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(value: string | undefined | null): KeysetCursor | undefined {
  if (value === undefined || value === null || value === '' || value.length > 200) return undefined;
  const decoded = Buffer.from(value, 'base64url').toString('utf8');
  const match = /^(\d{1,16}):([A-Za-z0-9_-]{1,100})$/.exec(decoded);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { atMs: Number(match[1]), id: match[2] };
}
