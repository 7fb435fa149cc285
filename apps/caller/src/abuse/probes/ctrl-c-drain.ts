import type { AbuseProbe } from '../types.ts';

/**
 * Item 8: stopping the product the way `npm start` does on Ctrl-C lets a live call finish: the voice server
 * drains and exits 0 by itself, instead of being SIGKILLed a second into its drain. Runs last: it stops voice.
 */
export const ctrlCDrainProbe: AbuseProbe = {
  item: '8',
  name: 'Ctrl-C during a live call (npm start supervisor)',
  expected: 'call finishes; voice exits 0 after it, no SIGKILL',
  async run(ctx) {
    const call = await ctx.twilio.placeCall({ from: '+12125550144', to: ctx.demoNumber });
    await call.waitForAudio(8 * 200, 30_000);
    const hangUpAfterMs = 3_000;
    // The caller keeps talking for 3 s after Ctrl-C, then hangs up.
    const hangUp = setTimeout(() => {
      call.stop();
    }, hangUpAfterMs);
    const stopped = await ctx.stopVoice();
    clearTimeout(hangUp);
    call.close();
    return {
      observed: `exit ${stopped.signal ?? stopped.code} after ${(stopped.elapsedMs / 1000).toFixed(1)} s`,
      pass: stopped.code === 0 && stopped.signal === null && stopped.elapsedMs >= hangUpAfterMs - 200,
    };
  },
};
