/**
 * A migration blocks the event loop, so a lane cannot renew its job lock while one runs: the lane
 * worker's lock must come from PROVISION_UPGRADE_LOCK_MS, not from the short provisioning lock.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Worker } from 'bullmq'
import { loadConfig } from '@maison/config'
import { optionsFromConfig } from '../../apps/provisioner/src/options.ts'
import { startFleetWorkers } from '../../apps/provisioner/src/jobs/fleet-workers.ts'
import { UPGRADE_QUEUE } from '../../apps/provisioner/src/jobs/upgrade-jobs.ts'
import { startPlatform, type TestPlatform } from './support.ts'

let t: TestPlatform | undefined
afterEach(async () => {
  await t?.queues.queue(UPGRADE_QUEUE).obliterate({ force: true }).catch(() => undefined)
  await t?.close()
  t = undefined
})

describe('fleet upgrade lane lock', () => {
  it('defaults to 10 minutes and follows PROVISION_UPGRADE_LOCK_MS, whatever PROVISION_LOCK_MS says', async () => {
    expect(optionsFromConfig(loadConfig({})).upgrade.lockDurationMs).toBe(600_000)
    const o = optionsFromConfig(loadConfig({ PROVISION_LOCK_MS: '2000', PROVISION_UPGRADE_LOCK_MS: '900000' }))
    t = await startPlatform({ options: o })
    await startFleetWorkers(t.p)
    // The registry keeps the workers it started; read the options BullMQ was given.
    const workers = (t.queues as unknown as { workers: Worker[] }).workers
    const lane = workers.find((w) => w.name === UPGRADE_QUEUE)
    expect(lane, 'the lane worker').toBeDefined()
    expect(lane!.opts.lockDuration).toBe(900_000)
    expect(workers.find((w) => w.name !== UPGRADE_QUEUE)!.opts.lockDuration).toBe(2000)
  })
})
