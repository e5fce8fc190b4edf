import nodemailer, { type Transporter } from 'nodemailer'

export interface MailMessage {
  to: string
  subject: string
  text: string
  html?: string
  /** Stable key of the intent (e.g. `invite:{space}:{token}`); the mail job id derives from it. */
  key: string
}

/** One transport. The embedded default keeps mail in an outbox instead of sending it. */
export interface Mailer {
  send(msg: MailMessage): Promise<void>
}

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter

  constructor(smtpUrl: string, private readonly from: string) {
    // Pooled connections: a reminder run hands thousands of mails to the relay, one TLS handshake each would dominate.
    const url = new URL(smtpUrl)
    if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true')
    this.transport = nodemailer.createTransport(url.toString())
  }

  async send(msg: MailMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.from, to: msg.to, subject: msg.subject, text: msg.text, html: msg.html,
      messageId: `<${msg.key.replace(/[^a-zA-Z0-9.-]/g, '.')}@maison>`,
    })
  }
}

export interface OutboxStore {
  add(msg: MailMessage, at: Date): void
}

/** Without SMTP_URL: mail lands in an outbox (read by staff) and the log. */
export class OutboxMailer implements Mailer {
  constructor(private readonly store: OutboxStore, private readonly log: (msg: MailMessage) => void) {}

  async send(msg: MailMessage): Promise<void> {
    this.store.add(msg, new Date())
    this.log(msg)
  }
}

export { MailService, MAIL_QUEUE, mailJobId, type MailLedger } from './queue.ts'
