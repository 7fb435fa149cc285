import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time under a folder, skipping build output and dependencies. */
function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The production build the suite probes: reused when newer than every source, else built (`next build`). */
export async function ensureWebBuild(options: {
  root: string;
  distDir: string;
  reuse: boolean;
  env: NodeJS.ProcessEnv;
}): Promise<'reused' | 'built'> {
  const webDir = join(options.root, 'apps/web');
  const buildId = join(webDir, options.distDir, 'BUILD_ID');
  if (existsSync(buildId)) {
    const builtAt = statSync(buildId).mtimeMs;
    const stale = [join(webDir, 'src'), join(options.root, 'packages')].some(
      (dir) => newestMtimeMs(dir) > builtAt,
    );
    if (options.reuse || !stale) return 'reused';
  }
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [join(options.root, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: webDir,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-10_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`next build failed (${code}):\n${output}`)),
    );
  });
  return 'built';
}
