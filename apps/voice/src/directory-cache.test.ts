import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectoryCache } from './directory-cache.ts';

const logger = pino({ level: 'silent' });
let cache: DirectoryCache | undefined;
afterEach(() => cache?.close());

/** A cache whose first fingerprint poll (started by the constructor) has settled. */
async function setup(version: { value: string }) {
  let nowMs = 0;
  cache = new DirectoryCache({
    versionOf: async () => version.value,
    refreshMs: 60_000,
    maxAgeMs: 1_000,
    logger,
    now: () => nowMs,
  });
  await new Promise((resolve) => setImmediate(resolve));
  return {
    cache,
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
}

/** A loader that answers `value` on its n-th call, counting calls; `fail` makes the next one reject. */
function loader() {
  let calls = 0;
  let failNext = false;
  return {
    get calls() {
      return calls;
    },
    failNext() {
      failNext = true;
    },
    load: async (): Promise<string> => {
      calls += 1;
      const n = calls;
      if (failNext) {
        failNext = false;
        throw new Error('database unreachable');
      }
      return `v${n}`;
    },
  };
}

describe('DirectoryCache', () => {
  it('serves an entry past its age while a fresh one loads, then the fresh one', async () => {
    const { cache, advance } = await setup({ value: 'a' });
    const source = loader();
    expect(await cache.get('business:1', source.load)).toBe('v1');
    advance(1_000);
    // Past its age: the answer is the entry it has, not a wait for the reload.
    const during = [cache.get('business:1', source.load), cache.get('business:1', source.load)];
    expect(await Promise.all(during)).toEqual(['v1', 'v1']);
    expect(source.calls).toBe(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('business:1', source.load)).toBe('v2');
    expect(source.calls).toBe(2);
  });

  it('keeps the entry it has when a reload fails, and tries again at the next lookup', async () => {
    const { cache, advance } = await setup({ value: 'a' });
    const source = loader();
    await cache.get('number:+1', source.load);
    advance(1_000);
    source.failNext();
    expect(await cache.get('number:+1', source.load)).toBe('v1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('number:+1', source.load)).toBe('v1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('number:+1', source.load)).toBe('v3');
    expect(source.calls).toBe(3);
  });

  it('drops everything when the fingerprint moves: the next lookup reads the database', async () => {
    const version = { value: 'a' };
    const { cache } = await setup(version);
    const source = loader();
    expect(await cache.get('business:1', source.load)).toBe('v1');
    version.value = 'b';
    await cache.refresh();
    expect(await cache.get('business:1', source.load)).toBe('v2');
  });
});
