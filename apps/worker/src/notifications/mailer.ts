import nodemailer from 'nodemailer';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** Files to attach (the booking's `.ics`). */
  attachments?: Array<{ filename: string; content: string; contentType: string }> | undefined;
}

/** Sends one email; throws when the server refuses it or cannot be reached (the job is retried). */
export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  close(): void;
}

/** A mailer over SMTP_URL (`smtp://user:pass@host:port`, `smtps://…`), one pooled transport per process. */
export function createSmtpMailer(options: { smtpUrl: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    async send(email) {
      const info = await transport.sendMail({
        from: options.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        ...(email.attachments === undefined ? {} : { attachments: email.attachments }),
      });
      // nodemailer resolves even when some recipients were refused; with one recipient per mail, a
      // refusal must fail the job so it is retried.
      if (info.rejected.length > 0) throw new Error(`SMTP server refused the recipient: ${info.response}`);
      return { messageId: info.messageId };
    },
    close() {
      transport.close();
    },
  };
}
