import { headers } from 'next/headers';
import nodemailer from 'nodemailer';
import { getEnv } from '../../env.ts';

/**
 * Account emails — verify an address, accept an invitation — are sent here, synchronously, by the dashboard:
 * the person is waiting for them, and the link's token must never be written anywhere (a queued job would
 * store it in the database). Business notifications (new message, digest) stay in the worker. Both use the
 * same SMTP_URL.
 */
export interface AccountEmail {
  to: string;
  subject: string;
  text: string;
}

let transport: ReturnType<typeof nodemailer.createTransport> | undefined;

/** True when SMTP is configured: accounts verify their email and staff are invited by email. */
export function accountEmailsEnabled(): boolean {
  return getEnv().accountEmail !== undefined;
}

export async function sendAccountEmail(email: AccountEmail): Promise<void> {
  const config = getEnv().accountEmail;
  if (config === undefined) throw new Error('SMTP_URL is not configured');
  transport ??= nodemailer.createTransport(config.smtpUrl);
  const info = await transport.sendMail({ from: config.from, ...email });
  if (info.rejected.length > 0) throw new Error('the SMTP server refused the recipient');
}

/** Absolute link on this dashboard: WEB_PUBLIC_URL when set, else the origin the request came to. */
export async function dashboardLink(path: string, token: string): Promise<string> {
  const configured = getEnv().webPublicUrl;
  let origin = configured;
  if (origin === undefined) {
    const requestHeaders = await headers();
    const proto = requestHeaders.get('x-forwarded-proto')?.split(',')[0]?.trim() ?? 'http';
    origin = `${proto}://${requestHeaders.get('host') ?? 'localhost'}`;
  }
  const url = new URL(path, origin);
  // In the fragment, not the query: never sent to a server, so never in an access log or a Referer.
  url.hash = `token=${encodeURIComponent(token)}`;
  return url.toString();
}
