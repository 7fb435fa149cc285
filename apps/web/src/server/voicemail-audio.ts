import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from './db.ts';
import { findMembership } from './queries/accounts.ts';
import { findVoicemail } from './queries/voicemails.ts';

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` (one range: what <audio> asks for when seeking). */
export function parseByteRange(
  header: string | null,
  size: number,
): { start: number; end: number } | 'invalid' | undefined {
  if (header === null) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid';
  const [, from = '', to = ''] = match;
  const start = from === '' ? Math.max(0, size - Number(to)) : Number(from);
  const end = from === '' || to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start > end || start >= size) return 'invalid';
  return { start, end };
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/**
 * A voicemail's audio for a signed-in member of its business, and for no one else: no session → 401; not a
 * member, another business's voicemail or one still being fetched → 404 (indistinguishable, as pages do).
 * The file is read from the stored relative path inside RECORDINGS_DIR, never from the request.
 */
export async function serveVoicemailAudio(input: {
  db: Database;
  recordingsDir: string;
  userId: string | null;
  businessId: string;
  voicemailId: string;
  range: string | null;
}): Promise<Response> {
  if (input.userId === null) return text(401, 'sign in to play voicemails');
  const membership = await findMembership(input.db, input.userId, input.businessId);
  if (membership === undefined) return text(404, 'not found');
  const voicemail = await findVoicemail(input.db, input.businessId, input.voicemailId);
  if (voicemail?.audioPath == null) return text(404, 'not found');
  const root = path.resolve(input.recordingsDir);
  const file = path.resolve(root, voicemail.audioPath);
  if (!file.startsWith(`${root}${path.sep}`)) return text(404, 'not found');
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return text(404, 'not found');
  }
  const headers = {
    'content-type': voicemail.audioContentType ?? 'audio/wav',
    'accept-ranges': 'bytes',
    // Personal data: never in a shared cache.
    'cache-control': 'private, no-store',
    'content-disposition': `inline; filename="voicemail-${voicemail.id}.wav"`,
  };
  const range = parseByteRange(input.range, bytes.length);
  if (range === 'invalid') {
    return new Response(null, { status: 416, headers: { 'content-range': `bytes */${bytes.length}` } });
  }
  if (range === undefined) {
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: { ...headers, 'content-length': String(bytes.length) },
    });
  }
  const part = bytes.subarray(range.start, range.end + 1);
  return new Response(new Uint8Array(part), {
    status: 206,
    headers: {
      ...headers,
      'content-length': String(part.length),
      'content-range': `bytes ${range.start}-${range.end}/${bytes.length}`,
    },
  });
}
