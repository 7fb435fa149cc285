import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from './client.ts';
import { defaultMigrationsFolder } from './migrate.ts';
import { forBusiness } from './tenant/index.ts';
import { createTestBusiness } from './testing/index.ts';

// The FTS5 migration indexes what a database already held (turns and summaries), not only new rows.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the migrations folder whose journal stops before the call_search migration. */
function migrationsBeforeCallSearch(root: string): string {
  const folder = join(root, 'drizzle');
  cpSync(defaultMigrationsFolder(), folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  const at = journal.entries.findIndex((entry) => entry.tag.endsWith('_call_search_fts'));
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

describe('call_search migration', () => {
  it('backfills existing turns and summaries, each under its own business', async () => {
    const root = mkdtempSync(join(tmpdir(), 'call-search-migration-'));
    dirs.push(root);
    const url = `file:${join(root, 'test.db')}`;
    const before = await openDatabase({ url, migrationsFolder: migrationsBeforeCallSearch(root) });
    const business = await createTestBusiness(before);
    const other = await createTestBusiness(before);
    const tenant = forBusiness(before, business.id);
    const call = await tenant.calls.create({ channel: 'phone', engine: 'scripted', status: 'completed' });
    await tenant.calls.appendTurn(call.id, { role: 'caller', text: 'Do you sell lanterns?' });
    await tenant.calls.setSummary(call.id, { summary: 'Asked for a glazier.' });
    const otherCall = await forBusiness(before, other.id).calls.create({
      channel: 'phone',
      engine: 'scripted',
      status: 'completed',
    });
    await forBusiness(before, other.id).calls.appendTurn(otherCall.id, { role: 'caller', text: 'lanterns' });
    closeDatabase(before);

    const after = await openDatabase({ url });
    try {
      const search = async (businessId: string, words: string) =>
        (await forBusiness(after, businessId).calls.list({ search: words })).map((row) => row.id);
      expect(await search(business.id, 'lanterns')).toEqual([call.id]);
      expect(await search(business.id, 'glazier')).toEqual([call.id]);
      expect(await search(other.id, 'lanterns')).toEqual([otherCall.id]);
      expect(await search(other.id, 'glazier')).toEqual([]);
    } finally {
      closeDatabase(after);
    }
  });
});
