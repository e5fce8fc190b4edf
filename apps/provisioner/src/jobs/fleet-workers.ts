import type { Provisioner } from '../provisioner.ts'
import { STATS_QUEUE } from './stats-jobs.ts'
import { UPGRADE_QUEUE, upgradeLaneProcessor, type UpgradeLaneData } from './upgrade-jobs.ts'

/**
 * Starts the fleet upgrade lanes and the statistics job (on its schedule). Worker concurrency
 * equals the upgrade's lanes, so one process can run them all; more processes share them.
 */
export async function startFleetWorkers(p: Provisioner): Promise<void> {
  const { queues } = p.queue
  const o = p.options
  const lanes = queues.worker<UpgradeLaneData>(UPGRADE_QUEUE, upgradeLaneProcessor(p.upgrades), {
    concurrency: o.upgrade.concurrency, lockDuration: o.upgrade.lockDurationMs, stalledInterval: o.stalledIntervalMs, maxStalledCount: o.maxStalledCount,
  })
  lanes.on('error', (err) => p.logger.warn({ err }, 'fleet upgrade worker error'))
  lanes.on('failed', (job, err) => p.logger.warn({ err, upgrade: job?.data.upgradeId, lane: job?.data.lane }, 'fleet upgrade lane failed'))
  const stats = queues.worker(STATS_QUEUE, async () => {
    const s = await p.computeFleetUsage()
    return { spaces: s.spaces, durationMs: s.durationMs }
  }, { concurrency: 1, lockDuration: o.lockDurationMs })
  stats.on('error', (err) => p.logger.warn({ err }, 'fleet statistics worker error'))
  await p.statsQueue.schedule(o.stats.intervalMs)
}
