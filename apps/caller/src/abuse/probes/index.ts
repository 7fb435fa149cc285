import type { AbuseProbe } from '../types.ts';
import { apiKeyGuessingProbe } from './api-key-guessing.ts';
import { ctrlCDrainProbe } from './ctrl-c-drain.ts';
import { defaultSecretProbe } from './default-secret.ts';
import { emailVerificationProbe } from './email-verification.ts';
import { errorCodesProbe } from './error-codes-production-build.ts';
import { foreignAccountStreamProbe } from './foreign-account-stream.ts';
import { malformedBodiesProbe } from './malformed-bodies.ts';
import { metricsAccessProbe } from './metrics-access.ts';
import { noSecretsInLogsProbe } from './no-secrets-in-logs.ts';
import { originSchemeProbe } from './origin-scheme.ts';
import { passwordGuessingProbe } from './password-guessing.ts';
import { replayedWebhookProbe } from './replayed-webhook.ts';
import { securityHeadersProbe } from './security-headers.ts';
import { signOutRevokesProbe } from './sign-out-revokes.ts';
import { staffInviteProbe } from './staff-invite.ts';
import { ticketRateLimitProbe } from './ticket-rate-limit.ts';
import { weakPasswordProbe } from './weak-password.ts';

/**
 * Every probe, in the order they run. The per-IP REST flood runs after the other REST probes (it uses up
 * this address's allowance), and the Ctrl-C probe runs last: it stops the product. Add a probe: one file
 * here, one line below.
 */
export const ABUSE_PROBES: AbuseProbe[] = [
  errorCodesProbe,
  malformedBodiesProbe,
  originSchemeProbe,
  securityHeadersProbe,
  staffInviteProbe,
  emailVerificationProbe,
  weakPasswordProbe,
  passwordGuessingProbe,
  signOutRevokesProbe,
  ticketRateLimitProbe,
  metricsAccessProbe,
  defaultSecretProbe,
  foreignAccountStreamProbe,
  replayedWebhookProbe,
  noSecretsInLogsProbe,
  apiKeyGuessingProbe,
  ctrlCDrainProbe,
];
