#!/usr/bin/env tsx
// A loopback libSQL (Hrana over HTTP) server over a local SQLite file, for running the product against a
// remote DATABASE_URL without Turso: `npm run db:hrana -- --file ./data/remote.db --port 8080`, then
// DATABASE_URL=http://127.0.0.1:8080 (or libsql://127.0.0.1:8080?tls=0) for every process.
import { parseArgs } from 'node:util';
import { startHranaServer } from './server.ts';

const HELP = `Usage: npm run db:hrana -- --file <path.db> [--port <n>] [--host <addr>] [--auth-token <token>]
  [--busy-timeout-ms <n>] [--stream-idle-ms <n>]`;

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    'auth-token': { type: 'string' },
    'busy-timeout-ms': { type: 'string' },
    'stream-idle-ms': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

function positiveInteger(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} must be a whole number, got "${text}"\n${HELP}`);
    process.exit(2);
  }
  return value;
}

if (values.help || values.file === undefined) {
  console.error(HELP);
  process.exit(values.help ? 0 : 2);
}

const server = await startHranaServer({
  file: values.file,
  host: values.host,
  port: positiveInteger('port', values.port),
  authToken: values['auth-token'],
  busyTimeoutMs: positiveInteger('busy-timeout-ms', values['busy-timeout-ms']),
  streamIdleMs: positiveInteger('stream-idle-ms', values['stream-idle-ms']),
  onUnknownRequest: (type) =>
    console.warn(`hrana: unknown stream request type "${type}" answered with an error`),
});
console.log(`hrana: serving ${values.file} at ${server.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
