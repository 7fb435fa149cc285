import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A folder of recordings; paths handed out are relative to it (what the database keeps). */
export interface RecordingStore {
  /** Writes the bytes atomically (a temporary file, then a rename); returns the relative path. */
  save(relativePath: string, bytes: Uint8Array): Promise<void>;
  /** Size in bytes when the file exists (a retried job finds what an earlier attempt stored). */
  sizeOf(relativePath: string): Promise<number | undefined>;
  /** Deletes the file; one that is already gone is not an error. */
  remove(relativePath: string): Promise<void>;
}

const SAFE_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

/** `<businessId>/<voicemailId>.wav`, refusing anything that could climb out of the folder. */
export function voicemailAudioPath(businessId: string, voicemailId: string): string {
  const file = `${voicemailId}.wav`;
  if (!SAFE_SEGMENT.test(businessId) || !SAFE_SEGMENT.test(file) || file.startsWith('..')) {
    throw new Error(`unsafe recording path for ${businessId}/${voicemailId}`);
  }
  return `${businessId}/${file}`;
}

export function createRecordingStore(rootDir: string): RecordingStore {
  const root = path.resolve(rootDir);
  const absolute = (relativePath: string) => {
    const full = path.resolve(root, relativePath);
    if (!full.startsWith(`${root}${path.sep}`)) throw new Error(`path leaves the recordings folder`);
    return full;
  };
  return {
    async save(relativePath, bytes) {
      const full = absolute(relativePath);
      await mkdir(path.dirname(full), { recursive: true });
      const temporary = `${full}.${randomUUID()}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, full);
    },
    async remove(relativePath) {
      await rm(absolute(relativePath), { force: true });
    },
    async sizeOf(relativePath) {
      try {
        return (await stat(absolute(relativePath))).size;
      } catch {
        return undefined;
      }
    },
  };
}
