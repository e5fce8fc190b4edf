import { UnrecoverableError, type Job } from 'bullmq'
import type { AppServices, JobDefinition } from '@maison/app-contract'
import type { EventsReader } from '../domain/reader.ts'
import { registrationsEnv } from './context.ts'
import { purgeExpired, resendUnnotified, sendDueReminders } from './housekeeping.ts'
import { fillFreeSeats } from './signup.ts'

export const REGISTRATIONS_QUEUE = 'events-registrations'
const SCHEDULER_ID = 'events-registrations-hourly'
const SLUG = /^[a-z0-9][a-z0-9-]*$/

/** One space's seats freed by a capacity change, status e-mails left unsent, reminders (the day before) and retention purge. */
export async function runSpaceHousekeeping(services: AppServices, reader: EventsReader, slug: string): Promise<{ promoted: number; notified: number; reminded: number; purged: number }> {
  return services.spaces.use(slug, async (space) => {
    const env = registrationsEnv(services, reader, space)
    const promoted = await fillFreeSeats(env)
    const notified = await resendUnnotified(env)
    const reminded = await sendDueReminders(env)
    const purged = purgeExpired(env, services.config.EVENTS_PARTICIPANT_RETENTION_DAYS)
    return { promoted, notified, reminded, purged }
  })
}

async function processJob(services: AppServices, reader: EventsReader, job: Job<{ slug?: string }>): Promise<unknown> {
  if (job.name === 'tick') {
    const hour = services.clock().toISOString().slice(0, 13)
    const q = services.queues.queue(REGISTRATIONS_QUEUE)
    const slugs = services.spaces.list()
    // Job ids per space and hour: a repeated tick adds nothing.
    for (const slug of slugs) await q.add('space', { slug }, { jobId: `space-${slug}-${hour}` })
    return { spaces: slugs.length }
  }
  const slug = job.data.slug
  if (job.name !== 'space' || !slug || !SLUG.test(slug)) throw new UnrecoverableError(`not an events registrations job: ${job.name}`)
  return runSpaceHousekeeping(services, reader, slug)
}

/** Workers of the sign-ups: the hourly tick fans out one housekeeping job per space. */
export function registrationJobs(services: AppServices, reader: EventsReader): JobDefinition[] {
  return [{ queue: REGISTRATIONS_QUEUE, concurrency: 2, process: (job) => processJob(services, reader, job as Job<{ slug?: string }>) }]
}

/** Makes sure the hourly tick exists (idempotent: the scheduler id is fixed). */
export async function startRegistrations(services: AppServices): Promise<void> {
  await services.queues.queue(REGISTRATIONS_QUEUE).upsertJobScheduler(SCHEDULER_ID, { pattern: '17 * * * *' }, { name: 'tick' })
}
