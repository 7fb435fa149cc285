import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { closeDatabase, findBusinessByPhoneNumber, openDatabase } from '@receptionist/db';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyApiKey } from '../api-keys/index.ts';

const ADMIN = join(dirname(fileURLToPath(import.meta.url)), 'admin.ts');
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function admin(
  url: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, ADMIN, ...args, '--database-url', url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('admin CLI', () => {
  it('creates a business, maps a number and prints an API key once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'receptionist-admin-'));
    dirs.push(dir);
    const url = `file:${join(dir, 'admin.db')}`;

    const created = await admin(url, [
      'create-business',
      '--name',
      'Corner Salon',
      '--time-zone',
      'America/Chicago',
    ]);
    expect(created.stderr).toBe('');
    const businessId = created.stdout.trim();
    expect(businessId).toMatch(/^biz_/);

    const mapped = await admin(url, ['map-number', '--business', businessId, '--number', '(500) 555-0007']);
    expect(mapped.stdout).toContain('+15005550007');

    const keyed = await admin(url, ['create-api-key', '--business', businessId, '--name', 'CRM']);
    const key = keyed.stdout.trim().split('\n').at(-1) ?? '';

    const bad = await admin(url, ['map-number', '--business', businessId, '--number', 'nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("doesn't look like a valid phone number");

    const db = await openDatabase({ url });
    try {
      expect((await findBusinessByPhoneNumber(db, '+15005550007'))?.id).toBe(businessId);
      expect((await verifyApiKey(db, key))?.businessId).toBe(businessId);
    } finally {
      closeDatabase(db);
    }
  }, 180_000);
});
