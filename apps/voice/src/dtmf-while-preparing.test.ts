import { createApiKey, tenantContext } from '@receptionist/domain';
import { createScriptedEngine } from '@receptionist/engine/testing';
import { FakeBrowserClient } from '@receptionist/telephony/testing';
import { afterEach, expect, it } from 'vitest';
import type { BusinessDirectory } from './business-directory.ts';
import { receptionistDirectory } from './receptionist-directory.ts';
import { startVoiceHarness, TEST_ORIGIN, type VoiceHarness } from './testing/voice-harness.ts';

let harness: VoiceHarness | undefined;
let client: FakeBrowserClient | undefined;

afterEach(async () => {
  client?.close();
  await harness?.cleanup();
  harness = undefined;
});

it('DTMF 0 pressed while the business is still loading transfers once it has loaded', async () => {
  // The page hears `ready` before the session has loaded the business; on a remote database that load
  // takes a while. Here it waits for the test to let it go, after the caller has pressed 0.
  let base: BusinessDirectory | undefined;
  let letLoad!: () => void;
  const loadGate = new Promise<void>((resolve) => {
    letLoad = resolve;
  });
  const directory: BusinessDirectory = {
    findByPhoneNumber: (e164) => (base as BusinessDirectory).findByPhoneNumber(e164),
    async load(businessId, call) {
      await loadGate;
      return { ...(await (base as BusinessDirectory).load(businessId, call)), openNow: true };
    },
  };
  const h = await startVoiceHarness({
    engine: createScriptedEngine({ greeting: { text: 'Hi.', audioMs: 100 } }),
    server: { directory },
  });
  harness = h;
  base = receptionistDirectory(h.database.db, h.now);

  const { key } = await createApiKey({
    ctx: tenantContext(h.database.db, h.businessId, { kind: 'system' }),
    input: { name: 'test page' },
  });
  const response = await fetch(`${h.serverUrl}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
  });
  const { ticket } = (await response.json()) as { ticket: string };
  client = await FakeBrowserClient.connect({
    url: `${h.serverUrl.replace('http', 'ws')}/browser/${ticket}`,
    origin: TEST_ORIGIN,
  });
  await client.waitForMessage('ready');
  client.sendDtmf('0');
  await new Promise((resolve) => setTimeout(resolve, 100));
  letLoad();

  const end = await client.waitForMessage('end');
  expect(end.reason).toBe('transfer');
  expect(end.message).toContain('Front desk');
});
