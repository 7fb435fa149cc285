import { requestEmailVerification } from '@receptionist/domain';
import { systemClock } from '../clock.ts';
import type { Database } from '../db.ts';
import { log } from '../log.ts';
import { dashboardLink, sendAccountEmail } from './account-emails.ts';

/** Emails a fresh single-use verification link; a failure to send is logged, the account stays unverified. */
export async function sendVerificationEmail(db: Database, userId: string): Promise<boolean> {
  const { token, email } = await requestEmailVerification({
    ctx: { db, nowMs: systemClock() },
    input: { userId },
  });
  const link = await dashboardLink('/verify-email', token);
  try {
    await sendAccountEmail({
      to: email,
      subject: 'Verify your email address',
      text: `Open this link to verify your address for AI Receptionist (valid for 24 hours):\n\n${link}\n\nIf you did not create an account, ignore this email.`,
    });
    return true;
  } catch (error) {
    log.warn({ err: error, userId }, 'could not send the verification email');
    return false;
  }
}
