import { UnrecoverableError, type Job } from 'bullmq'
import type { AppServices } from '@maison/app-contract'
import { NotFound } from '@maison/errors'
import type { MembersEnv } from '../domain/repositories.ts'
import { deliverMessage, type StartMessageJob } from '../domain/messages.ts'
import { sqliteMembersStore } from '../storage/store.ts'
import type { MembersRuntime } from './spaces.ts'

export const MESSAGES_QUEUE = 'members-messages'

type MessageJob = Job<{ slug: string; messageId: number }>

/** One job per message: the id `members-message:{space}:{messageId}` makes a second add a no-op. */
export const messageJobId = (slug: string, messageId: number): string => `members-message:${slug}:${messageId}`

/** Starts the delivery job of one space's messages. */
export function messageStarter(services: AppServices, slug: string): StartMessageJob {
  return async (messageId) => {
    await services.queues.queue(MESSAGES_QUEUE).add('message', { slug, messageId }, { jobId: messageJobId(slug, messageId) })
  }
}

/** Hands one message's recipients to the mail queue, resuming after those a killed run already handed. */
export async function processMessageJob(rt: MembersRuntime, job: MessageJob): Promise<unknown> {
  const { slug, messageId } = job.data
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug ?? '') || !Number.isInteger(messageId)) throw new UnrecoverableError(`not a members message job: ${job.id}`)
  try {
    return await rt.spaces.use(slug, async (db, name) => {
      const env: MembersEnv = { store: sqliteMembersStore(db), clock: rt.services.clock, defaults: { associationName: name ?? slug, timeZone: rt.services.config.DEFAULT_TIMEZONE } }
      const sent = await deliverMessage(env, slug, messageId, (mails) => rt.services.sendMails(mails), (handed, recipients) => job.updateProgress({ handed, recipients }))
      return { handed: sent.handed, recipients: sent.recipients }
    })
  } catch (err) {
    // A message (or space) that is gone will not come back by retrying.
    if (err instanceof NotFound) throw new UnrecoverableError(err.message)
    throw err
  }
}
