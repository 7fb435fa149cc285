#!/usr/bin/env node
// Last step of `npm test`: set-up and the tests must change no tracked file and leave no stray untracked
// file. Compares `git status --porcelain` with the snapshot scripts/setup.mjs took before it started, so a
// developer's own uncommitted edits do not count, only what the run itself changed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const snapshotPath = join(root, 'tmp/tree-before-tests.txt');
if (!existsSync(snapshotPath)) {
  console.log('[check-tree] no snapshot (not a git checkout): skipped');
  process.exit(0);
}
const lines = (text) => new Set(text.split('\n').filter(Boolean));
const before = lines(readFileSync(snapshotPath, 'utf8'));
const status = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
if (status.status !== 0) {
  console.error(`[check-tree] git status failed: ${status.stderr}`);
  process.exit(1);
}
const changed = [...lines(status.stdout)].filter((line) => !before.has(line));
if (changed.length > 0) {
  console.error('[check-tree] set-up or the tests changed the working tree:');
  for (const line of changed) console.error(`  ${line}`);
  process.exit(1);
}
console.log('[check-tree] the working tree is as set-up found it');
