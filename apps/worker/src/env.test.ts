import { describe, expect, it } from 'vitest';
import { parseWorkerEnv } from './env.ts';
import { WorkerConfigError } from './errors.ts';

describe('worker env: webhooks', () => {
  it('refuses private receivers and waits 10 s per attempt unless told otherwise', () => {
    expect(parseWorkerEnv({}).webhooks).toEqual({ allowPrivateUrls: false, timeoutMs: 10_000 });
    expect(
      parseWorkerEnv({ WEBHOOK_ALLOW_PRIVATE_URLS: 'true', WEBHOOK_TIMEOUT_MS: '3000' }).webhooks,
    ).toEqual({ allowPrivateUrls: true, timeoutMs: 3_000 });
  });

  it('names a bad webhook setting at start', () => {
    expect(() => parseWorkerEnv({ WEBHOOK_ALLOW_PRIVATE_URLS: 'yes' })).toThrow(WorkerConfigError);
    expect(() => parseWorkerEnv({ WEBHOOK_TIMEOUT_MS: 'soon' })).toThrow(/WEBHOOK_TIMEOUT_MS/);
  });
});
