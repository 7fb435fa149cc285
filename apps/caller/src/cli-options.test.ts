import { describe, expect, it } from 'vitest';
import { parseCallArgs } from './cli-options.ts';
import { loadCallerEnv } from './env.ts';

const env = loadCallerEnv({ VOICE_PORT: '9000', TWILIO_AUTH_TOKEN: 'from-env' });

describe('npm run call options', () => {
  it('builds a scenario from --line flags, with defaults from the environment', () => {
    const parsed = parseCallArgs(['--line', 'hi there', '--line', 'goodbye', '--from', '+15551112222'], env);
    if (parsed.help) throw new Error('unexpected help');
    expect(parsed.options).toMatchObject({
      serverUrl: 'http://127.0.0.1:9000',
      publicUrl: 'http://localhost:9000',
      authToken: 'from-env',
      databaseUrl: 'file:./data/receptionist.db',
      json: false,
    });
    expect(parsed.options.scenario).toMatchObject({
      business: 'demo',
      caller: { from: '+15551112222' },
      turns: [{ say: 'hi there' }, { say: 'goodbye' }, { hangup: true }],
    });
  });

  it('lets flags override the environment and points at a scenario file', () => {
    const parsed = parseCallArgs(
      [
        '--scenario',
        'x.yaml',
        '--auth-token',
        'flag',
        '--server-url',
        'http://10.0.0.1:1',
        '--to',
        '+15005550006',
      ],
      env,
    );
    if (parsed.help) throw new Error('unexpected help');
    expect(parsed.scenarioPath).toBe('x.yaml');
    expect(parsed.options.authToken).toBe('flag');
    expect(parsed.options.serverUrl).toBe('http://10.0.0.1:1');
  });

  it('refuses bad arguments with coded errors', () => {
    const noToken = loadCallerEnv({});
    expect(() => parseCallArgs(['--line', 'hi'], noToken)).toThrow(/auth-token/);
    expect(() => parseCallArgs([], env)).toThrow(/--line or a --scenario/);
    expect(() => parseCallArgs(['--line', 'a', '--scenario', 'b'], env)).toThrow(/not both/);
    expect(() => parseCallArgs(['--bogus'], env)).toThrow(expect.objectContaining({ code: 'bad_arguments' }));
    expect(() => parseCallArgs(['--line', 'hi', '--from', '12345'], env)).toThrow(/caller.from/);
    expect(parseCallArgs(['--help'], env)).toEqual({ help: true });
  });

  it('names the variable when the environment is invalid', () => {
    expect(() => loadCallerEnv({ VOICE_PORT: 'eighty' })).toThrow(/VOICE_PORT/);
    expect(() => loadCallerEnv({ PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL/);
  });
});
