import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { createAppLogger } from './logger.ts';

function capture(redactPersonalData?: boolean) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createAppLogger({ name: 'test', level: 'info', redactPersonalData, destination });
  return { logger, output: () => lines.join('') };
}

describe('createAppLogger (every process)', () => {
  it('never logs the SQL parameters of a failed query, down the cause chain', () => {
    const { logger, output } = capture();
    const driver = new Error('SQLITE_BUSY: database is locked');
    const failed = new DrizzleQueryError(
      'insert into call_turns (text, phone) values (?, ?)',
      ['my card number is 4111', '+15551234567'],
      driver,
    );
    logger.error({ err: new Error('append turn failed', { cause: failed }) }, 'write failed');
    const text = output();
    expect(text).toContain('SQLITE_BUSY');
    expect(text).toContain('insert into call_turns');
    expect(text).not.toContain('4111');
    expect(text).not.toContain('+15551234567');
  });

  it('redacts personal data and secrets by default', () => {
    const { logger, output } = capture();
    logger.info(
      { from: '+15551234567', call: { transcript: 'I am Jane' }, email: 'jane@x.test', token: 'tok_secret' },
      'hello',
    );
    const text = output();
    for (const leaked of ['+15551234567', 'I am Jane', 'jane@x.test', 'tok_secret'])
      expect(text).not.toContain(leaked);
    expect(text).toContain('[redacted]');
  });

  it('shows personal data only when explicitly asked to, and secrets never', () => {
    const { logger, output } = capture(false);
    logger.info({ from: '+15551234567', authorization: 'Bearer sk_live' }, 'debugging');
    expect(output()).toContain('+15551234567');
    expect(output()).not.toContain('sk_live');
  });
});
