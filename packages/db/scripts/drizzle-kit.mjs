// Runs drizzle-kit so it finds this package's drizzle-orm. npm placed drizzle-orm under
// packages/db/node_modules while drizzle-kit sits at the root, and drizzle-kit imports drizzle-orm from
// its own location; a symlink beside drizzle-orm plus --preserve-symlinks makes both resolve here.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const localModules = join(packageDir, 'node_modules');
const link = join(localModules, 'drizzle-kit');
if (!existsSync(link)) {
  const realKit = dirname(createRequire(join(packageDir, 'package.json')).resolve('drizzle-kit'));
  mkdirSync(localModules, { recursive: true });
  symlinkSync(relative(localModules, realKit), link, 'dir');
}
const result = spawnSync(
  process.execPath,
  ['--preserve-symlinks', '--preserve-symlinks-main', join(link, 'bin.cjs'), ...process.argv.slice(2)],
  { cwd: packageDir, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
