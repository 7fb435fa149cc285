import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

// `npm run check:deps` is the layer checker of ARCHITECTURE.md. These tests run the real command with
// the real rules, once on a tree that breaks them (so the checker is shown to fail) and once on ours.

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');

let scratch: string | undefined;

afterEach(async () => {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

/** Writes a miniature workspace (path → source) and cruises it with our rules. */
async function cruise(files: Record<string, string>): Promise<{ code: number; output: string }> {
  scratch = await mkdtemp(join(tmpdir(), 'check-deps-'));
  const tsconfig = { compilerOptions: { allowImportingTsExtensions: true, noEmit: true } };
  await writeFile(join(scratch, 'tsconfig.json'), JSON.stringify(tsconfig));
  for (const [path, source] of Object.entries(files)) {
    await mkdir(dirname(join(scratch, path)), { recursive: true });
    await writeFile(join(scratch, path), source);
  }
  try {
    const { stdout } = await run(
      DEPCRUISE,
      ['--config', CONFIG, '--output-type', 'err', 'packages', 'apps'],
      {
        cwd: scratch,
      },
    );
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, output: failed.stdout ?? '' };
  }
}

describe('check:deps', () => {
  it('fails when the engine imports a business verb or the relay reaches the database', async () => {
    const result = await cruise({
      'packages/db/src/index.ts': 'export const db = 1;\n',
      'packages/domain/src/index.ts':
        "import { db } from '../../db/src/index.ts';\nexport const verb = db;\n",
      'packages/engine/src/conversation.ts':
        "import { verb } from '../../domain/src/index.ts';\nexport const turn = verb;\n",
      'apps/voice/src/call/media-relay.ts':
        "import { helper } from './helper.ts';\nexport const relay = helper;\n",
      'apps/voice/src/call/helper.ts':
        "import { verb } from '../../../../packages/domain/src/index.ts';\nexport const helper = verb;\n",
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(
      'engine-knows-no-business: packages/engine/src/conversation.ts → packages/domain/src/index.ts',
    );
    expect(result.output).toContain(
      'media-relay-has-no-database-transitively: apps/voice/src/call/media-relay.ts',
    );
    expect(result.output).not.toContain('domain-uses-db');
  });

  it('passes on a tree that keeps the layers', async () => {
    const result = await cruise({
      'packages/db/src/index.ts': 'export const db = 1;\n',
      'packages/domain/src/index.ts':
        "import { db } from '../../db/src/index.ts';\nexport const verb = db;\n",
      'apps/worker/src/main.ts':
        "import { verb } from '../../../packages/domain/src/index.ts';\nexport const job = verb;\n",
    });
    expect(result.output).toContain('no dependency violations found');
    expect(result.code).toBe(0);
  });

  it('passes on this repository', async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'check:deps'], { cwd: ROOT });
    expect(stdout).toContain('no dependency violations found');
  });
});
