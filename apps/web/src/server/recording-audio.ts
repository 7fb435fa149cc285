import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from './db.ts';
import { findMembership } from './queries/accounts.ts';
import { findCallRecording } from './queries/call-recordings.ts';
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

/** A stored recording as the route serves it. */
export interface StoredAudio {
  audioPath: string;
  contentType: string;
  /** Offered when the member downloads it. */
  filename: string;
}

/**
 * A recording for a signed-in member of its business, and for no one else: no session → 401; not a member,
 * another business's recording or one not stored (yet, or any more) → 404 (indistinguishable, as pages do).
 * The file is read from the stored relative path inside RECORDINGS_DIR, never from the request.
 */
export async function serveStoredAudio(input: {
  db: Database;
  recordingsDir: string;
  userId: string | null;
  businessId: string;
  /** Looks the recording up in this business, once membership is proven. */
  find: () => Promise<StoredAudio | undefined>;
  range: string | null;
  download?: boolean | undefined;
}): Promise<Response> {
  if (input.userId === null) return text(401, 'sign in to play recordings');
  const membership = await findMembership(input.db, input.userId, input.businessId);
  if (membership === undefined) return text(404, 'not found');
  const audio = await input.find();
  if (audio === undefined) return text(404, 'not found');
  const root = path.resolve(input.recordingsDir);
  const file = path.resolve(root, audio.audioPath);
  if (!file.startsWith(`${root}${path.sep}`)) return text(404, 'not found');
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return text(404, 'not found');
  }
  const headers = {
    'content-type': audio.contentType,
    'accept-ranges': 'bytes',
    // Personal data: never in a shared cache.
    'cache-control': 'private, no-store',
    'content-disposition': `${input.download ? 'attachment' : 'inline'}; filename="${audio.filename}"`,
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

/** A voicemail's audio (members only; see serveStoredAudio). */
export function serveVoicemailAudio(input: {
  db: Database;
  recordingsDir: string;
  userId: string | null;
  businessId: string;
  voicemailId: string;
  range: string | null;
}): Promise<Response> {
  return serveStoredAudio({
    ...input,
    async find() {
      const voicemail = await findVoicemail(input.db, input.businessId, input.voicemailId);
      if (voicemail?.audioPath == null) return undefined;
      return {
        audioPath: voicemail.audioPath,
        contentType: voicemail.audioContentType ?? 'audio/wav',
        filename: `voicemail-${voicemail.id}.wav`,
      };
    },
  });
}

/** A call's recording, while it is kept (members only; see serveStoredAudio). */
export function serveCallRecording(input: {
  db: Database;
  recordingsDir: string;
  userId: string | null;
  businessId: string;
  callId: string;
  range: string | null;
  download: boolean;
}): Promise<Response> {
  return serveStoredAudio({
    ...input,
    async find() {
      const recording = await findCallRecording(input.db, input.businessId, input.callId);
      if (recording === undefined) return undefined;
      return {
        audioPath: recording.audioPath,
        contentType: 'audio/wav',
        filename: `call-${input.callId}.wav`,
      };
    },
  });
}
