import type { AbuseProbe } from '../types.ts';

/** Item 12: malformed and oversize bodies, bad % escapes: client errors, never 500. */
export const malformedBodiesProbe: AbuseProbe = {
  item: '12',
  name: 'malformed JSON, oversize body, bad % escape (web + voice)',
  expected: 'web 400/413/4xx, voice 400/413',
  async run(ctx) {
    const api = (body: string) =>
      fetch(`${ctx.webUrl}/api/v1/appointments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ctx.apiKey}`, 'content-type': 'application/json' },
        body,
      });
    const webMalformed = (await api('{"service":')).status;
    const webOversize = (await api(JSON.stringify({ notes: 'x'.repeat(300_000) }))).status;
    const webEscape = (await fetch(`${ctx.webUrl}/b/%E0%A4%A/calls?q=%zz`, { redirect: 'manual' })).status;
    const voice = (type: string, body: string) =>
      fetch(`${ctx.voiceUrl}/api/sessions`, { method: 'POST', headers: { 'content-type': type }, body });
    const voiceMalformed = (await voice('application/json', '{"ticket":')).status;
    const voiceOversize = (await voice('application/x-www-form-urlencoded', `a=${'x'.repeat(200_000)}`))
      .status;
    const observed = `web ${webMalformed}/${webOversize}/${webEscape}, voice ${voiceMalformed}/${voiceOversize}`;
    return {
      observed,
      pass:
        webMalformed === 400 &&
        webOversize === 413 &&
        webEscape < 500 &&
        voiceMalformed === 400 &&
        voiceOversize === 413,
    };
  },
};
