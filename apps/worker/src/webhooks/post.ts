import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from '@receptionist/domain';

/** How one POST went: `ok` is a 2xx answer; anything else says what happened, for the delivery log. */
export type PostOutcome = { ok: boolean; status?: number; error?: string };

/** Responses are read and thrown away; a receiver that streams forever is cut off here. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * A lookup that answers with the addresses already checked, so the connection goes where the policy said
 * it may, whatever DNS answers a moment later (rebinding).
 */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const usable =
      options.family === 4 || options.family === 6
        ? addresses.filter((entry) => entry.family === options.family)
        : addresses;
    const first = usable[0];
    if (first === undefined) {
      callback(
        Object.assign(new Error('no checked address of the asked family'), { code: 'ENOTFOUND' }),
        '',
        4,
      );
      return;
    }
    if (options.all) (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, usable);
    else callback(null, first.address, first.family);
  };
}

/**
 * POSTs `body` to `url`, connecting only to `addresses`, without following redirects (a redirect could
 * lead anywhere), giving up after `timeoutMs` for the whole exchange. Never throws: every failure is an
 * outcome, so a bad receiver costs one attempt and nothing else.
 */
export function postWebhook(input: {
  url: URL;
  addresses: ResolvedAddress[];
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}): Promise<PostOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      input.signal?.removeEventListener('abort', onAbort);
      request.destroy();
      resolve(outcome);
    };
    const transport = input.url.protocol === 'https:' ? https : http;
    const request = transport.request(input.url, {
      method: 'POST',
      headers: { ...input.headers, 'content-length': String(Buffer.byteLength(input.body)) },
      lookup: pinnedLookup(input.addresses),
      agent: false,
    });
    const timer = setTimeout(
      () => finish({ ok: false, error: `timed out after ${input.timeoutMs} ms` }),
      input.timeoutMs,
    );
    const onAbort = () => finish({ ok: false, error: 'abandoned: the worker lost this job' });
    input.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (error) => finish({ ok: false, error: error.message }));
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_RESPONSE_BYTES) response.destroy();
      });
      const done = () => {
        const ok = status >= 200 && status < 300;
        finish(ok ? { ok, status } : { ok, status, error: `HTTP ${status}` });
      };
      response.on('end', done);
      response.on('close', done);
      response.on('error', done);
    });
    request.end(input.body);
  });
}
