import nodemailer from 'nodemailer'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SmtpMailer } from '@maison/mail'
import { startSmtp, type TestSmtp } from './smtp.ts'

describe('startSmtp', () => {
  let smtp: TestSmtp
  beforeEach(async () => {
    smtp = await startSmtp()
  })
  afterEach(async () => {
    await smtp.stop()
  })

  it('receives and parses a message sent with nodemailer, attachments included', async () => {
    const transport = nodemailer.createTransport(smtp.url)
    await transport.sendMail({
      from: 'Maison <no-reply@maison.localhost>',
      to: 'alice@example.org',
      subject: 'Bienvenue à la Maison',
      text: 'Hello Alice',
      attachments: [{ filename: 'card.txt', content: 'member card' }],
    })
    const mail = await smtp.waitFor((m) => m.subject === 'Bienvenue à la Maison', 5000)
    expect(mail.text?.trim()).toBe('Hello Alice')
    expect(mail.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['card.txt', 'member card']])
    expect(smtp.messages).toHaveLength(1)
  })

  it('works with the SmtpMailer of @maison/mail and waits for a message sent later', async () => {
    const waiting = smtp.waitFor((m) => m.subject === 'Reminder', 5000)
    await new SmtpMailer(smtp.url, 'Maison <no-reply@maison.localhost>').send({ to: 'bob@example.org', subject: 'Reminder', text: 'Pay', key: 'fee:1' })
    const mail = await waiting
    expect(mail.messageId).toBe('<fee.1@maison>')
  })

  it('waitFor rejects with what it saw when nothing matches; clear() forgets messages', async () => {
    await nodemailer.createTransport(smtp.url).sendMail({ from: 'a@x.org', to: 'b@x.org', subject: 'Other', text: 'x' })
    await expect(smtp.waitFor((m) => m.subject === 'Never', 300)).rejects.toThrow(/received 1: "Other" to b@x.org/)
    smtp.clear()
    expect(smtp.messages).toHaveLength(0)
  })
})
