/**
 * True when every `%` escape in the path decodes. Next decodes dynamic route segments itself and answers a
 * malformed escape (`/b/%E0%A4%A`) with a 500; the proxy checks first and answers 400.
 */
export function hasDecodablePath(pathname: string): boolean {
  try {
    for (const segment of pathname.split('/')) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}
