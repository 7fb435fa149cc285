import type { StartEnv } from './env.ts';

/**
 * What `npm start` prints once everything answers. Names where secrets come from, never a secret itself (the
 * Twilio auth token used to be printed in the ready-made call command).
 */
export function startBanner(env: StartEnv): string {
  const worker =
    env.WORKER === 'separate'
      ? 'its own process'
      : env.WORKER === 'embedded'
        ? 'inside the voice server'
        : 'off (npm run worker)';
  return `
AI Receptionist is running.
  Dashboard         http://localhost:${env.WEB_PORT}/          (sign in locally; the first user owns the demo business)
  Test call page    http://localhost:${env.WEB_PORT}/test
  Voice server      http://localhost:${env.VOICE_PORT}/healthz  /readyz  /metrics (loopback only without METRICS_TOKEN)
  Job worker        ${worker}
  Twilio webhooks   POST /twilio/voice and /twilio/status on PUBLIC_URL (see README)

Place a simulated phone call (signed like Twilio, spoken with flite; the auth token is read from
${env.TWILIO_AUTH_TOKEN ? 'TWILIO_AUTH_TOKEN' : 'data/dev-secrets.json'}, never printed):
  npm run call -- --line "I would like to book a cleaning"
Press Ctrl-C to stop (live calls finish first; Ctrl-C again to stop at once).`;
}
