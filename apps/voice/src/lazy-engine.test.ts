import type { Conversation, Engine } from '@receptionist/engine';
import { createScriptedEngine } from '@receptionist/engine/testing';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadEngineConstructors } from './engines.ts';
import { lazyEngine } from './lazy-engine.ts';

const config = { callId: 'call_1' } as Parameters<Engine['start']>[0];

describe('lazyEngine', () => {
  it('loads nothing until a call starts on it, then loads once for every call', async () => {
    let loads = 0;
    const real = createScriptedEngine();
    const engine = lazyEngine('local', async () => {
      loads++;
      return { name: 'local', capabilities: real.capabilities, start: async () => ({}) as Conversation };
    });
    expect(loads).toBe(0);
    expect(engine.capabilities.dtmf).toBe(false);
    await Promise.all([engine.start(config), engine.start(config)]);
    await engine.start(config);
    expect(loads).toBe(1);
    expect(engine.capabilities).toEqual(real.capabilities);
  });

  it('tries again at the next call when a load fails', async () => {
    let loads = 0;
    const engine = lazyEngine('local', async () => {
      loads++;
      if (loads === 1) throw new Error('model missing');
      return {
        name: 'local',
        capabilities: createScriptedEngine().capabilities,
        start: async () => ({}) as Conversation,
      };
    });
    await expect(engine.start(config)).rejects.toThrow('model missing');
    await expect(engine.start(config)).resolves.toBeDefined();
    expect(loads).toBe(2);
  });

  it('an OpenAI server gets its failover engine as a lazy one', async () => {
    const constructors = await loadEngineConstructors(pino({ level: 'silent' }), { engine: 'openai' });
    const local = constructors.createLocalEngine?.({});
    expect(local?.name).toBe('local');
    // Not loaded: a loaded offline engine reports its real capabilities (DTMF, typed text).
    expect(local?.capabilities.dtmf).toBe(false);
  });
});
