import { createHash } from 'node:crypto'
import { Conflict, NotFound } from '@maison/errors'
import type { MembersEnv } from './repositories.ts'
import { messageInput } from './schemas.ts'
import { getMember } from './members.ts'
import { readSettings } from './settings.ts'
import { fill } from './templates.ts'
import { parseOrThrow } from './validate.ts'
import type { Member, SentMessage } from './types.ts'

export interface OutgoingMail {
  to: string
  subject: string
  text: string
  key: string
}

/** What a bulk message request answers, the same for its replays. */
export interface MessageReceipt {
  message: SentMessage
  /** Members the message goes to. */
  queued: number
  /** Selected members without an e-mail address. */
  skipped: number
}

/** Starts the job that hands a stored message to the mail queue; starting it twice runs it once. */
export type StartMessageJob = (messageId: number) => Promise<void>

/** Recipients handed to the mail queue per transaction; a crash repeats at most one batch, whose mail keys make it a no-op. */
const BATCH = 200

const fingerprint = (ids: readonly number[], subject: string, body: string): string =>
  createHash('sha256').update(JSON.stringify([[...ids].sort((a, b) => a - b), subject, body])).digest('hex')

const receipt = (message: SentMessage): MessageReceipt => ({ message, queued: message.recipients, skipped: message.skipped })

/**
 * Stores a message to selected members and starts its job. A replay of the same `requestId` answers the first
 * result and only makes sure the job exists (the request may have died between the two).
 * @throws ValidationError, NotFound (an unknown member), Conflict (the request id names another message)
 */
export async function requestMessage(env: MembersEnv, input: unknown, start: StartMessageJob): Promise<MessageReceipt> {
  const i = parseOrThrow(messageInput, input, 'message')
  const ids = [...new Set(i.ids)]
  const hash = fingerprint(ids, i.subject, i.body)
  const message = env.store.transaction(() => {
    const earlier = env.store.messages.getByRequest(i.requestId)
    if (earlier) {
      if (earlier.requestHash !== hash) throw new Conflict('This requestId was already used for another message; use a new one for each message.')
      return earlier.message
    }
    const members = ids.map((id) => getMember(env, id))
    const reachable = members.filter((m) => m.email).map((m) => m.id)
    return env.store.messages.insert(
      { requestId: i.requestId, requestHash: hash, subject: i.subject, body: i.body, skipped: members.length - reachable.length, sentAt: env.clock().toISOString() },
      reachable,
    )
  })
  if (message.state !== 'sent') await start(message.id)
  return receipt(env.store.messages.get(message.id)!)
}

function compose(space: string, message: SentMessage, m: Member, association: string): OutgoingMail {
  const vars = { name: `${m.firstName} ${m.lastName}`, firstName: m.firstName, lastName: m.lastName, number: m.number, activity: '', expiryDate: '', amount: '', association }
  return { to: m.email!, subject: fill(message.subject, vars), text: fill(message.body, vars), key: `members-message:${space}:${message.id}:${m.id}` }
}

/**
 * The job's work: hands each recipient not handed yet to the mail queue, with a mail key per message and member,
 * so a job re-run after a crash resumes and never mails anyone twice. Members deleted or left without an e-mail
 * since the request are passed over. @throws NotFound
 */
export async function deliverMessage(
  env: MembersEnv, space: string, messageId: number, send: (mails: OutgoingMail[]) => Promise<void>,
  onProgress: (handed: number, recipients: number) => Promise<void> | void = () => {},
): Promise<SentMessage> {
  const message = env.store.messages.get(messageId)
  if (!message) throw new NotFound('No such message.')
  if (message.state === 'queued') env.store.messages.setState(messageId, 'sending')
  const association = readSettings(env).associationName
  for (;;) {
    const batch = env.store.messages.pendingRecipients(messageId, BATCH)
    if (!batch.length) break
    const mails = batch.flatMap((id) => {
      const m = env.store.members.get(id)
      return m?.email ? [compose(space, message, m, association)] : []
    })
    await send(mails)
    env.store.messages.markHanded(messageId, batch, env.clock())
    await onProgress(env.store.messages.get(messageId)!.handed, message.recipients)
  }
  env.store.messages.setState(messageId, 'sent')
  return env.store.messages.get(messageId)!
}

/** A message left unfinished this long had its request die before the job was started (or its job died). */
export const RESUME_AFTER_MINUTES = 10

/**
 * Starts again the jobs of messages left unfinished (a request that died between storing the message and starting
 * its job, and was never retried). Starting a job that exists does nothing, so this is safe to run every hour.
 */
export async function resumeMessages(env: MembersEnv, start: StartMessageJob): Promise<number[]> {
  const ids = env.store.messages.unfinished(new Date(env.clock().getTime() - RESUME_AFTER_MINUTES * 60_000))
  for (const id of ids) await start(id)
  return ids
}

/** One message with its progress. @throws NotFound */
export function getMessage(env: MembersEnv, id: number): SentMessage {
  const message = env.store.messages.get(id)
  if (!message) throw new NotFound('No such message.')
  return message
}

/** The latest messages sent to selections. */
export const listMessages = (env: MembersEnv): SentMessage[] => env.store.messages.list(50)
