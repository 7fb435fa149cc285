// A module load hook (node:module register) that appends the URL of every module the process loads to a
// file, so a test can see what it loaded (resolving alone, as import.meta.resolve does, is not loading). lazy-modules.test.ts registers it in the process it starts.
import { appendFileSync } from 'node:fs';

let logFile;

export function initialize(data) {
  logFile = data.logFile;
}

export async function load(url, context, nextLoad) {
  appendFileSync(logFile, `${url}\n`);
  return nextLoad(url, context);
}
