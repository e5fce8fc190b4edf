import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export type { ParsedMail }

export interface TestSmtp {
  /** smtp://127.0.0.1:PORT — give it to the app as SMTP_URL. */
  url: string
  port: number
  /** Every message received so far, parsed, in arrival order. */
  messages: ParsedMail[]
  /**
   * Resolves with the first message (already received or arriving later) matching the predicate.
   * @throws Error naming the messages seen when none matches within timeoutMs.
   */
  waitFor(predicate: (m: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>
  clear(): void
  stop(): Promise<void>
}

/** A real SMTP listener on a random loopback port: no auth, no TLS, accepts everything. */
export async function startSmtp(): Promise<TestSmtp> {
  const messages: ParsedMail[] = []
  const waiters = new Set<{ predicate: (m: ParsedMail) => boolean; resolve: (m: ParsedMail) => void }>()

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // Large attachments (exports, posters) must go through.
    size: 50 * 1024 * 1024,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail)
          for (const w of waiters) {
            if (w.predicate(mail)) {
              waiters.delete(w)
              w.resolve(mail)
            }
          }
          callback()
        })
        .catch((err: Error) => callback(err))
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const port = (server.server.address() as AddressInfo).port

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor(predicate, timeoutMs = 10_000) {
      const seen = messages.find(predicate)
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (m: ParsedMail) => {
            clearTimeout(timer)
            resolve(m)
          },
        }
        const timer = setTimeout(() => {
          waiters.delete(waiter)
          const subjects = messages.map((m) => `"${m.subject ?? ''}" to ${m.to ? [m.to].flat().map((a) => a.text).join(', ') : '?'}`)
          reject(new Error(`no matching e-mail within ${timeoutMs} ms; received ${messages.length}: ${subjects.join('; ') || 'none'}`))
        }, timeoutMs)
        waiters.add(waiter)
      })
    },
    clear() {
      messages.length = 0
    },
    stop() {
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
