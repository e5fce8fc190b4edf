import crypto from 'node:crypto'
import { UnrecoverableError, type Job } from 'bullmq'
import type { AppServices } from '@maison/app-contract'
import type { Db } from '@maison/db'
import type { MembersEnv } from '../domain/repositories.ts'
import { runReminders } from '../domain/reminders.ts'
import { sqliteMembersStore } from '../storage/store.ts'
import type { MembersRuntime } from './spaces.ts'
import { resumeMessages } from '../domain/messages.ts'
import { messageStarter } from './messages.ts'

export const REMINDERS_QUEUE = 'members-reminders'
const SCHEDULER_ID = 'members-reminders-hourly'

export type { MembersRuntime } from './spaces.ts'

type ReminderJob = Job<{ slug?: string }>

const envOf = (rt: MembersRuntime, db: Db, slug: string, name?: string): MembersEnv => ({
  store: sqliteMembersStore(db),
  clock: rt.services.clock,
  defaults: { associationName: name ?? slug, timeZone: rt.services.config.DEFAULT_TIMEZONE },
})

/** The hourly tick: one reminder job per space (job ids per space and hour, so a repeated tick adds nothing). */
async function tick(rt: MembersRuntime): Promise<{ spaces: number }> {
  const hour = rt.services.clock().toISOString().slice(0, 13)
  const q = rt.services.queues.queue(REMINDERS_QUEUE)
  const slugs = rt.spaces.list()
  for (const slug of slugs) await q.add('space', { slug }, { jobId: `space-${slug}-${hour}` })
  return { spaces: slugs.length }
}

/** Processes a job of the reminders queue: `tick` fans out, `space` decides and queues one space's reminders (and resumes stalled messages). */
export async function processReminderJob(rt: MembersRuntime, job: ReminderJob): Promise<unknown> {
  if (job.name === 'tick') return tick(rt)
  const slug = job.data.slug
  if (job.name !== 'space' || !slug || !/^[a-z0-9][a-z0-9-]*$/.test(slug)) throw new UnrecoverableError(`not a members reminder job: ${job.name}`)
  return rt.spaces.use(slug, async (db, name) => {
    const env = envOf(rt, db, slug, name)
    const run = await runReminders(env, slug, (mails) => rt.services.sendMails(mails), { onProgress: (queued) => job.updateProgress({ queued }) })
    // The hourly visit of each space also restarts bulk messages whose request died before their job started.
    const resumedMessages = await resumeMessages(env, messageStarter(rt.services, slug))
    return { ...run, resumedMessages: resumedMessages.length }
  })
}

/** Queues a reminder run for one space now (each request its own job; the ledger keeps it exactly-once). */
export async function requestRun(services: AppServices, slug: string): Promise<{ jobId: string }> {
  const job = await services.queues.queue(REMINDERS_QUEUE).add('space', { slug }, { jobId: `space-${slug}-now-${crypto.randomUUID()}` })
  return { jobId: job.id! }
}

/** Makes sure the hourly tick exists (idempotent: the scheduler id is fixed). */
export async function ensureScheduler(services: AppServices): Promise<void> {
  await services.queues.queue(REMINDERS_QUEUE).upsertJobScheduler(SCHEDULER_ID, { pattern: '7 * * * *' }, { name: 'tick' })
}
