import { UnrecoverableError, type Job } from 'bullmq'
import type { AppServices } from '@maison/app-contract'
import { syncCalendar, type SyncReport } from '../domain/sync.ts'
import { backgroundEnv } from '../http/context.ts'

export const SYNC_QUEUE = 'events-sync'
const SCHEDULER_ID = 'events-sync-periodic'
/** A space's index is synced at most this often on behalf of page views (per process). */
const DEBOUNCE_MS = 15_000

type SyncJob = Job<{ slug?: string }>

/** Processes a job of the sync queue: `tick` fans out to every active space, `space` syncs one. */
export async function processSyncJob(services: AppServices, job: SyncJob): Promise<{ spaces: number } | SyncReport> {
  if (job.name === 'tick') {
    const slugs = services.spaces.list()
    const minute = services.clock().toISOString().slice(0, 16)
    const q = services.queues.queue(SYNC_QUEUE)
    for (const slug of slugs) await q.add('space', { slug }, { jobId: `space-${slug}-${minute}` })
    return { spaces: slugs.length }
  }
  const slug = job.data.slug
  if (job.name !== 'space' || !slug || !/^[a-z0-9][a-z0-9-]*$/.test(slug)) throw new UnrecoverableError(`not an events sync job: ${job.name}`)
  return services.spaces.use(slug, (space) => syncCalendar(backgroundEnv(space, services)))
}

const lastRequested = new Map<string, number>()

/**
 * Asks for a background sync of one space, at most once per 15 s per process (page views call this; the job
 * id per window keeps several processes from queueing more than one each).
 */
export function requestSync(services: AppServices, slug: string): void {
  const now = services.clock().getTime()
  if (now - (lastRequested.get(slug) ?? 0) < DEBOUNCE_MS) return
  lastRequested.set(slug, now)
  const window = Math.floor(now / DEBOUNCE_MS)
  services.queues.queue(SYNC_QUEUE).add('space', { slug }, { jobId: `space-${slug}-w${window}` }).catch((err: unknown) => {
    services.logger.warn({ err, space: slug }, 'events: could not queue a calendar sync')
  })
}

/** Makes sure the periodic sync exists (idempotent: the scheduler id is fixed). */
export async function ensureSyncScheduler(services: AppServices): Promise<void> {
  await services.queues.queue(SYNC_QUEUE).upsertJobScheduler(SCHEDULER_ID, { every: 5 * 60_000 }, { name: 'tick' })
}
