import { DateTime } from 'luxon';
import type { AbuseProbe } from '../types.ts';

/** Item 9: in the production build, expected refusals keep their status (they were all 500). */
export const errorCodesProbe: AbuseProbe = {
  item: '9',
  name: 'closed day / unknown id / taken slot via REST',
  expected: '422 / 404 / 409',
  async run(ctx) {
    const headers = { authorization: `Bearer ${ctx.apiKey}`, 'content-type': 'application/json' };
    const today = DateTime.now().setZone('America/New_York').startOf('day');
    let sunday = today.plus({ days: 2 });
    while (sunday.weekday !== 7) sunday = sunday.plus({ days: 1 });
    let weekday = today.plus({ days: 3 });
    while (weekday.weekday > 5 || (weekday.month === 12 && weekday.day >= 24))
      weekday = weekday.plus({ days: 1 });
    const book = (date: DateTime) =>
      fetch(`${ctx.webUrl}/api/v1/appointments`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          service: 'Checkup',
          date: date.toISODate(),
          time: '10:00',
          customerName: 'Abuse Probe',
          phone: '+12125550177',
        }),
      });
    const closed = (await book(sunday)).status;
    const notFound = (
      await fetch(`${ctx.webUrl}/api/v1/appointments/apt_does_not_exist/cancel`, { method: 'POST', headers })
    ).status;
    const first = (await book(weekday)).status;
    const taken = (await book(weekday)).status;
    return {
      observed: `${closed} / ${notFound} / ${taken} (first booking ${first})`,
      pass: closed === 422 && notFound === 404 && first === 201 && taken === 409,
    };
  },
};
