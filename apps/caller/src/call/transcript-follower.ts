/**
 * The live transcript: polls the call log for turns the voice server appended (it persists each turn as it
 * finalizes) and hands every new one to `onLine`. Returns a stop function that prints what is left first.
 */
import { type BusinessRow, type Database, findCallByTwilioSid, forBusiness } from '@receptionist/db';
import type { TranscriptLine } from '../scenario/result.ts';

const POLL_MS = 250;

export function followTranscript(
  db: Database,
  business: BusinessRow,
  callSid: string,
  onLine: (line: TranscriptLine) => void,
): () => Promise<void> {
  let stopped = false;
  let seen = 0;
  let callId: string | undefined;
  const pollOnce = async (): Promise<void> => {
    try {
      callId ??= (await findCallByTwilioSid(db, callSid))?.id;
      const call = callId ? await forBusiness(db, business.id).calls.get(callId) : undefined;
      for (const turn of call?.turns.slice(seen) ?? []) {
        seen++;
        onLine({ role: turn.role, text: turn.text, ...(turn.interrupted ? { interrupted: true } : {}) });
      }
    } catch {
      // The database may be busy with the server's writes; the next poll catches up.
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await pollOnce();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  })();
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      stopped = true;
      await loop;
      await pollOnce();
    })();
    return stopping;
  };
}
