import type { Logger } from 'pino';
import type { CallLogOutbox } from './call-log-outbox.ts';
import { type OutboxFile, readLeftoverOutboxes, removeOutboxFile } from './call-log-outbox-file.ts';

/**
 * At start-up: the call-log entries a dead process left in its outbox file are handed to this process's
 * outbox (so they are in its own durable file before the old one is removed) and written in their order.
 * Turns are marked as replayed, so a line that landed just before the crash is not written twice. Resolves
 * with how many entries were recovered, once they have landed (or `timeoutMs` passed: they keep going).
 */
export async function recoverCallLogOutboxes(input: {
  dir: string;
  outbox: CallLogOutbox;
  file: OutboxFile;
  logger: Logger;
  timeoutMs: number;
  isAlive?: (pid: number) => boolean;
}): Promise<number> {
  const leftovers = await readLeftoverOutboxes(input.dir, input.logger, input.isAlive);
  let count = 0;
  for (const { path, entries } of leftovers) {
    if (path === input.file.path) continue;
    for (const entry of entries) {
      input.outbox.enqueue(entry.op === 'turn' ? { ...entry, replayed: true } : entry);
      count++;
    }
    await input.file.synced();
    await removeOutboxFile(path);
  }
  if (count > 0) {
    input.logger.warn({ count }, 'recovering call log writes a stopped process had not finished');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      input.outbox.whenDone(),
      new Promise((resolve) => {
        timer = setTimeout(resolve, input.timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }
  return count;
}
