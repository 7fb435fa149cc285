import { forBusiness } from '@receptionist/db';
import { fakeSid } from '@receptionist/telephony/testing';
import type { AbuseProbe } from '../types.ts';

/** Item 12: a Media Stream whose `start.accountSid` is not the configured account is closed. */
export const foreignAccountStreamProbe: AbuseProbe = {
  item: '12',
  name: 'stream start naming another Twilio account',
  expected: 'stream closed, call failed/stream_wrong_account',
  async run(ctx) {
    const call = await ctx.twilio.placeCall({
      from: '+12125550142',
      to: ctx.demoNumber,
      start: { accountSid: fakeSid('AC') },
    });
    const closed = await Promise.race([
      call.waitForClose(5_000).then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000)),
    ]);
    if (!closed) call.close();
    const calls = forBusiness(ctx.db, ctx.demoBusinessId).calls;
    const find = async () =>
      (await calls.list()).find((candidate) => candidate.twilioCallSid === call.callSid);
    // The call journal writes the end shortly after the socket closes.
    let row = await find();
    for (let i = 0; i < 30 && (row === undefined || row.endedAt === null); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      row = await find();
    }
    return {
      observed: `${closed ? 'closed' : 'still open'}, call ${row?.status}/${row?.endReason}`,
      pass: closed && row?.status === 'failed' && row.endReason === 'stream_wrong_account',
    };
  },
};
