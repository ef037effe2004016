import type { FastifyBaseLogger } from 'fastify';
import type { Transporter } from 'nodemailer';

/** A message to one newsroom member: invitations and password resets. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** The link the message carries, for transports that cannot deliver mail (the log). */
  link: string;
  /** Who it is for, by id: logs name people by id, never by address. */
  userId: number;
}

/** Sends account mail. Two implementations: SMTP (`SMTP_URL`) and the log (no transport). */
export interface Mailer {
  /** True when the message really leaves the server (false: the operator reads the log). */
  readonly delivers: boolean;
  send(message: MailMessage): Promise<void>;
}

/**
 * No mail transport: the link is written to the log for the operator to pass on. The address is
 * left out (logs never hold emails); the user id says who it is for.
 */
export class LogMailer implements Mailer {
  readonly delivers = false;

  constructor(private readonly log: Pick<FastifyBaseLogger, 'info'>) {}

  async send(message: MailMessage): Promise<void> {
    this.log.info({ userId: message.userId, link: message.link }, message.subject);
  }
}

/** Delivers through the SMTP server in `SMTP_URL` (e.g. `smtps://user:pass@mail.example:465`). */
export class SmtpMailer implements Mailer {
  readonly delivers = true;
  /** Made on the first message: nodemailer is loaded only by a process that sends mail. */
  private transport: Promise<Transporter> | undefined;

  constructor(
    private readonly smtpUrl: string,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<void> {
    this.transport ??= import('nodemailer').then((m) => m.default.createTransport(this.smtpUrl));
    await (await this.transport).sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
  }
}

/** The mailer for a configuration: SMTP when `smtpUrl` is set, the log otherwise. */
export function createMailer(opts: {
  smtpUrl: string | undefined;
  siteUrl: string;
  siteName: string;
  log: Pick<FastifyBaseLogger, 'info'>;
}): Mailer {
  if (!opts.smtpUrl) return new LogMailer(opts.log);
  const host = new URL(opts.siteUrl).hostname;
  return new SmtpMailer(
    opts.smtpUrl,
    `"${opts.siteName.replace(/["\\]/g, '')}" <no-reply@${host}>`,
  );
}
