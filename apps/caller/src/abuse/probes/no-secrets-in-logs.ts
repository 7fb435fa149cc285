import type { AbuseProbe } from '../types.ts';

/** Item 11: after calls and refused requests, the voice server's output holds no secret and no caller number. */
export const noSecretsInLogsProbe: AbuseProbe = {
  item: '11',
  name: 'voice output after calls: auth token, caller numbers, bodies',
  expected: 'none of them printed',
  async run(ctx) {
    const output = ctx.voiceOutput();
    const leaks = [
      ['auth token', ctx.authToken],
      ['session secret', ctx.sessionSecret],
      ['caller number', '+12125550143'],
      ['caller number', '2125550143'],
      ['request body', '{"ticket":'],
    ].filter(([, needle]) => needle !== undefined && output.includes(needle));
    return {
      observed:
        leaks.length === 0
          ? `none (${output.split('\n').length} lines)`
          : `leaked: ${leaks.map(([what]) => what).join(', ')}`,
      pass: leaks.length === 0 && output.length > 0,
    };
  },
};
