import type { MailMessage } from '@maison/mail'

/** Queues an e-mail; `msg.key` makes a retry of the same intent a no-op. */
export type SendMail = (msg: MailMessage) => Promise<void>
