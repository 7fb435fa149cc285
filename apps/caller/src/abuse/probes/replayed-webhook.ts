import type { AbuseProbe } from '../types.ts';

/** Item 6 (fixed on main): replaying a signed voice webhook of an ended call opens no new stream. */
export const replayedWebhookProbe: AbuseProbe = {
  item: '6',
  name: 'replay the signed webhook of an ended call',
  expected: '<Hangup/>, no stream',
  async run(ctx) {
    const call = await ctx.twilio.placeCall({ from: '+12125550143', to: ctx.demoNumber });
    await call.waitForAudio(8 * 200, 30_000);
    call.stop();
    await call.waitForClose().catch(() => undefined);
    call.close();
    await ctx.twilio.postStatus(call.callSid, 'completed');
    const replay = await ctx.twilio.postVoiceWebhook({
      from: '+12125550143',
      to: ctx.demoNumber,
      callSid: call.callSid,
    });
    const hangsUp = /<Hangup\s*\/>/.test(replay.body);
    return {
      observed: `${replay.status}, ${replay.twiml.stream ? 'new stream' : 'no stream'}${hangsUp ? ', <Hangup/>' : ''}`,
      pass: replay.status === 200 && replay.twiml.stream === undefined && hangsUp,
    };
  },
};
