import type { QueueRegistry } from '@maison/queue'
import type { JobRetention } from '../options.ts'

export const STATS_QUEUE = 'fleet-stats'
const SCHEDULER_ID = 'fleet-stats-every'

/** The statistics job on BullMQ: on a schedule, and on demand from the console. */
export class BullStatsQueue {
  constructor(private readonly queues: QueueRegistry, private readonly retention: JobRetention) {}

  private get opts() {
    return {
      removeOnComplete: { age: this.retention.completedAgeSeconds, count: this.retention.completedCount },
      removeOnFail: { age: this.retention.failedAgeSeconds, count: this.retention.failedCount },
    }
  }

  /**
   * Repeats every `everyMs`, first one interval from now: a worker start does no work of its own
   * (the first figures come from a refresh, which the statistics page asks for when there are none).
   * One scheduler per prefix; left alone when it exists with the same interval.
   */
  async schedule(everyMs: number): Promise<void> {
    const q = this.queues.queue(STATS_QUEUE)
    const current = await q.getJobScheduler(SCHEDULER_ID)
    if (current && Number(current.every) === everyMs) return
    await q.upsertJobScheduler(SCHEDULER_ID, { every: everyMs, startDate: Date.now() + everyMs }, { name: 'compute', opts: this.opts })
  }

  /** Queues a computation now unless one is already waiting or running. */
  async refresh(): Promise<void> {
    await this.queues.queue(STATS_QUEUE).add('compute', {}, { ...this.opts, deduplication: { id: 'fleet-stats-now' } })
  }
}
