#!/usr/bin/env node
// One setup step shared by `npm start` and `npm test`. Plain JavaScript with no dependencies,
// because it runs on a fresh clone before `npm ci` has installed anything.
// Idempotent: each step checks first and says what it does; a run with nothing to do is fast.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const startedAt = Date.now();
const say = (message) => console.log(`[setup] ${message}`);

function missingSystemPackages() {
  const { packages } = JSON.parse(readFileSync(join(root, 'scripts/system-packages.json'), 'utf8'));
  const names = packages.map((p) => p.name);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a dpkg-query format string, not a JS template
  const result = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\n', ...names], {
    encoding: 'utf8',
  });
  if (result.error) {
    say('dpkg-query is not available: not a Debian system, skipping the system package check');
    return [];
  }
  const installed = new Set(
    result.stdout
      .split('\n')
      .filter((line) => line.endsWith(' installed'))
      .map((line) => line.split(' ')[0]),
  );
  return packages.filter((p) => !installed.has(p.name));
}

function installSystemPackages() {
  const missing = missingSystemPackages();
  if (missing.length === 0) return;
  const names = missing.map((p) => p.name);
  const command = `apt-get update && apt-get install -y --no-install-recommends ${names.join(' ')}`;
  for (const p of missing) say(`missing system package ${p.name} (${p.why})`);
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    console.error(`[setup] not running as root, so I cannot install them. Run:\n  sudo sh -c '${command}'`);
    process.exit(1);
  }
  say(`installing: ${names.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...names], { stdio: 'inherit', env });
}

function lockfileHash() {
  const lock = join(root, 'package-lock.json');
  return createHash('sha256').update(readFileSync(lock)).digest('hex');
}

function installNodeModules() {
  const marker = join(root, 'node_modules/.setup-lock-hash');
  const hash = lockfileHash();
  if (existsSync(marker) && readFileSync(marker, 'utf8') === hash) return;
  const why = existsSync(join(root, 'node_modules'))
    ? 'package-lock.json changed'
    : 'node_modules is missing';
  say(`${why}: installing node modules from package-lock.json`);
  // `npm ci`, never `npm install`: it installs exactly the committed lockfile and never rewrites it, so a
  // fresh clone stays clean (the lockfile lists every platform's optional binaries; npm skips the others).
  // onnxruntime-node's postinstall downloads optional GPU binaries; the CPU build ships in its tarball.
  const env = { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' };
  const args = ['ci', '--no-audit', '--no-fund', '--loglevel=error'];
  const result = spawnSync('npm', args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error('[setup] npm ci failed');
    process.exit(result.status ?? 1);
  }
  writeFileSync(marker, lockfileHash());
}

function createDataDirectory() {
  const data = join(root, 'data');
  if (existsSync(data)) return;
  say('creating ./data');
  mkdirSync(data, { recursive: true });
}

/**
 * `npm test` ends with scripts/check-tree.mjs, which compares `git status` with this snapshot: set-up and
 * the tests must leave every tracked file as they found it (a rewritten lockfile once dirtied fresh clones).
 */
function snapshotTreeForTests() {
  if (!process.argv.includes('--for-tests')) return;
  const status = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
  if (status.status !== 0) {
    say('not a git checkout: the clean-tree check after the tests is skipped');
    return;
  }
  mkdirSync(join(root, 'tmp'), { recursive: true });
  writeFileSync(join(root, 'tmp/tree-before-tests.txt'), status.stdout);
}

snapshotTreeForTests();
installSystemPackages();
installNodeModules();
createDataDirectory();
say(`ready in ${Date.now() - startedAt} ms`);
