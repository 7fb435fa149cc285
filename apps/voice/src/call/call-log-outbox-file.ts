import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { CallLogEntry } from './call-log-entry.ts';

const FILE_PATTERN = /^outbox-(\d+)-[0-9a-f]+\.jsonl$/;

/**
 * The file is fsync'd at most this often. What a crash of the process can lose is what was not yet
 * written (the kernel keeps written pages whatever happens to the process); the sync only guards against a
 * power cut, which may now lose up to this much more. One sync per tick cost 0.3 CPU seconds in a
 * 220-call bench run, in kernel time on the thread pool.
 */
export const SYNC_INTERVAL_MS = 200;

/**
 * The durable copy of the call-log outbox: one append-only JSON-lines file per process. Lines appended in
 * the same tick are written together, and fsync'd within `SYNC_INTERVAL_MS` (fs/promises: the write and
 * the sync run on libuv's thread pool, never on the event loop). Emptied whenever every entry in it has
 * reached the database.
 */
export class OutboxFile {
  readonly path: string;
  readonly #handle: FileHandle;
  readonly #logger: Logger;
  #lines: string[] = [];
  #chain: Promise<void> = Promise.resolve();
  #scheduled = false;
  #syncTimer: NodeJS.Timeout | undefined;

  private constructor(path: string, handle: FileHandle, logger: Logger) {
    this.path = path;
    this.#handle = handle;
    this.#logger = logger;
  }

  /** A new file for this process in `dir` (created if missing). */
  static async create(dir: string, logger: Logger): Promise<OutboxFile> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, `outbox-${process.pid}-${randomBytes(6).toString('hex')}.jsonl`);
    return new OutboxFile(path, await open(path, 'a'), logger);
  }

  append(entry: CallLogEntry): void {
    this.#lines.push(`${JSON.stringify(entry)}\n`);
    if (this.#scheduled) return;
    this.#scheduled = true;
    // Everything appended in this tick goes out in one write and one fsync.
    setImmediate(() => {
      this.#scheduled = false;
      this.#enqueue(async () => {
        const text = this.#lines.join('');
        this.#lines = [];
        if (text === '') return;
        await this.#handle.appendFile(text);
        this.#syncSoon();
      });
    });
  }

  #syncSoon(): void {
    if (this.#syncTimer !== undefined) return;
    this.#syncTimer = setTimeout(() => this.#syncNow(), SYNC_INTERVAL_MS);
    this.#syncTimer.unref();
  }

  #syncNow(): void {
    clearTimeout(this.#syncTimer);
    this.#syncTimer = undefined;
    this.#enqueue(() => this.#handle.datasync());
  }

  /** Resolves once every line appended so far is on disk (synced now, not at the next interval). */
  async synced(): Promise<void> {
    while (this.#scheduled || this.#lines.length > 0) await new Promise((resolve) => setImmediate(resolve));
    await this.#chain;
    if (this.#syncTimer !== undefined) this.#syncNow();
    await this.#chain;
  }

  /** Empties the file if, once earlier writes are done, nothing is pending and `settled()` still holds. */
  truncateIfSettled(settled: () => boolean): void {
    this.#enqueue(async () => {
      if (this.#scheduled || this.#lines.length > 0 || !settled()) return;
      await this.#handle.truncate(0);
    });
  }

  async close(): Promise<void> {
    await this.synced();
    await this.#handle.close();
  }

  #enqueue(work: () => Promise<void>): void {
    this.#chain = this.#chain.then(work).catch((error: unknown) => {
      // The entries are still in memory and will still be written to the database; only crash safety suffers.
      this.#logger.error({ err: error, path: this.path }, 'call log outbox file write failed');
    });
  }
}

/** The outbox files in `dir` left by processes that are gone (a crash, a kill -9), with their entries. */
export async function readLeftoverOutboxes(
  dir: string,
  logger: Logger,
  isAlive: (pid: number) => boolean = processIsAlive,
): Promise<Array<{ path: string; entries: CallLogEntry[] }>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const leftovers: Array<{ path: string; entries: CallLogEntry[] }> = [];
  for (const name of names.sort()) {
    const match = FILE_PATTERN.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    // Our own pid is a previous life of this process (a container restarts as pid 1): replay it.
    if (pid !== process.pid && isAlive(pid)) continue;
    const path = join(dir, name);
    const entries: CallLogEntry[] = [];
    for (const line of (await readFile(path, 'utf8')).split('\n')) {
      if (line.trim() === '') continue;
      const parsed = parseLine(line);
      if (parsed) entries.push(parsed);
      // A line cut short by the crash is the turn in progress; anything else unreadable is logged.
      else logger.warn({ path }, 'skipped an unreadable call log outbox line');
    }
    leftovers.push({ path, entries });
  }
  return leftovers;
}

export async function removeOutboxFile(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}

function parseLine(line: string): CallLogEntry | undefined {
  try {
    const result = CallLogEntry.safeParse(JSON.parse(line));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
