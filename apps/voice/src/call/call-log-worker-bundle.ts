import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import { build } from 'esbuild';

const WORKER_SOURCE = fileURLToPath(new URL('./call-log-worker.ts', import.meta.url));
/** Inside the repository's node_modules, so the bundle's external imports (libSQL's native binding) resolve. */
const BUNDLE_DIR = fileURLToPath(new URL('../../../../node_modules/.cache/receptionist/', import.meta.url));

/**
 * The call-log worker as one JavaScript module, built when the server starts (about a second). A worker
 * thread does not inherit the process's `--import tsx`, and registering tsx inside it starts a module
 * hooks thread of its own: measured, a worker loaded that way cost 86 MB of resident memory, this bundle
 * of only the call-log verbs 25 MB. libSQL stays external: its native binding loads as a package.
 */
export async function buildCallLogWorker(): Promise<URL> {
  await mkdir(BUNDLE_DIR, { recursive: true });
  // Built beside and renamed into place: servers and tests starting together never load a half-written file.
  const outfile = join(BUNDLE_DIR, 'call-log-worker.mjs');
  const building = join(BUNDLE_DIR, `call-log-worker.${process.pid}.${threadId}.tmp.mjs`);
  await build({
    entryPoints: [WORKER_SOURCE],
    outfile: building,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['libsql', '@libsql/*'],
    logLevel: 'warning',
    // CommonJS dependencies inside an ES module bundle call `require`.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  await rename(building, outfile);
  return pathToFileURL(outfile);
}
