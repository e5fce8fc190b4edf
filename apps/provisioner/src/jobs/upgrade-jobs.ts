import type { Job } from 'bullmq'
import type { QueueRegistry } from '@maison/queue'
import type { UpgradeQueue } from '../domain/upgrade-ports.ts'
import type { FleetUpgrade } from '../domain/upgrade.ts'
import type { JobRetention } from '../options.ts'

export const UPGRADE_QUEUE = 'fleet-upgrade'

export interface UpgradeLaneData {
  upgradeId: number
  attempt: number
  /** Names the rows this lane claims; unique per attempt so a new attempt never adopts a live lane's rows. */
  lane: string
}

/** BullMQ job ids can't hold ':', hence the dashes. */
export const upgradeLaneJobId = (id: number, attempt: number, k: number): string => `upgrade-${id}-${attempt}-${k}`

const BUSY = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'])

/** The fleet upgrade's lanes on BullMQ: one job per lane, as many lanes as the allowed concurrency. */
export class BullUpgradeQueue implements UpgradeQueue {
  constructor(private readonly queues: QueueRegistry, private readonly retention: JobRetention) {}

  async startLanes(id: number, attempt: number, lanes: number): Promise<void> {
    const jobs = Array.from({ length: lanes }, (_, k) => ({
      name: 'lane',
      data: { upgradeId: id, attempt, lane: `${attempt}.${k}` } satisfies UpgradeLaneData,
      opts: {
        jobId: upgradeLaneJobId(id, attempt, k), attempts: 5, backoff: { type: 'exponential' as const, delay: 1000 },
        removeOnComplete: { age: this.retention.completedAgeSeconds, count: this.retention.completedCount },
        removeOnFail: { age: this.retention.failedAgeSeconds, count: this.retention.failedCount },
      },
    }))
    await this.queues.queue(UPGRADE_QUEUE).addBulk(jobs)
  }

  async lanesBusy(id: number, attempt: number, lanes: number): Promise<boolean> {
    const q = this.queues.queue(UPGRADE_QUEUE)
    for (let k = 0; k < lanes; k++) {
      const job = await q.getJob(upgradeLaneJobId(id, attempt, k))
      if (job && BUSY.has(await job.getState())) return true
    }
    return false
  }
}

/** The lane job: migrates spaces until the upgrade is over, reporting counts as progress. */
export function upgradeLaneProcessor(upgrade: FleetUpgrade) {
  return async (job: Job<UpgradeLaneData>): Promise<{ handled: number }> =>
    upgrade.runLane(job.data.upgradeId, job.data.attempt, job.data.lane, (counts) => job.updateProgress(counts))
}
