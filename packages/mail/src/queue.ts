import { createHash } from 'node:crypto'
import type { QueueRegistry } from '@maison/queue'
import type { Mailer, MailMessage } from './index.ts'

/** Remembers which mail intents reached the transport. */
export interface MailLedger {
  wasSent(key: string): boolean
  markSent(key: string, at: Date): void
}

export const MAIL_QUEUE = 'mail'

/** A BullMQ job id for a mail intent: the same key never makes two jobs. */
export const mailJobId = (key: string): string => `mail-${createHash('sha1').update(key).digest('hex')}`

/**
 * Every e-mail goes through one queue with retries. A job whose key is in the ledger sends
 * nothing, so a retried or duplicated job does not mail twice. A worker killed between the SMTP
 * hand-off and the ledger write can still resend once: SMTP gives no way to close that gap.
 */
export class MailService {
  constructor(
    private readonly queues: QueueRegistry,
    private readonly mailer: Mailer,
    private readonly ledger: MailLedger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async enqueue(msg: MailMessage): Promise<void> {
    await this.queues.queue(MAIL_QUEUE).add('send', msg, { jobId: mailJobId(msg.key) })
  }

  /** Queues many mails in one Redis round trip, with the job ids `enqueue` would give them. */
  async enqueueMany(msgs: readonly MailMessage[]): Promise<void> {
    if (msgs.length === 0) return
    await this.queues.queue(MAIL_QUEUE).addBulk(msgs.map((m) => ({ name: 'send', data: m, opts: { jobId: mailJobId(m.key) } })))
  }

  /** Sends one queued mail unless already sent. */
  async deliver(msg: MailMessage): Promise<'sent' | 'skipped'> {
    if (this.ledger.wasSent(msg.key)) return 'skipped'
    await this.mailer.send(msg)
    this.ledger.markSent(msg.key, this.clock())
    return 'sent'
  }

  startWorker(concurrency = 4): void {
    this.queues.worker<MailMessage>(MAIL_QUEUE, async (job) => this.deliver(job.data), { concurrency })
  }
}
