/** The anchor: a BullMQ flow of the provisioner's shape whose steps do nothing, on the same Redis and registry. */
import type { Job } from 'bullmq'
import type { QueueRegistry } from '@maison/queue'
import { PROVISION_STEPS } from '../../apps/provisioner/src/domain/provisioning.ts'
import { PROVISION_JOB_OPTIONS } from '../../apps/provisioner/src/jobs/queues.ts'
import { percentile } from '../dav/stats.ts'

export interface FlowResult {
  count: number
  totalMs: number
  perSecond: number
  /** Enqueue (the approval) to the end of the last step, per job. */
  p50: number
  p95: number
}

interface NoopData {
  n: number
  addedAt: number
}

/**
 * `count` jobs of PROVISION_STEPS.length steps each (recording each step in the job's progress, one
 * write per step, as the real job does), each ending with one mail job on a second queue, at the real
 * worker concurrencies.
 */
export async function runNoopFlow(queues: QueueRegistry, opts: { count: number; concurrency: number; mailConcurrency: number }): Promise<FlowResult> {
  const latencies: number[] = []
  let mailed = 0
  const provision = queues.queue('bench-noop-provision')
  const mail = queues.queue('bench-noop-mail')
  const worker = queues.worker<NoopData>('bench-noop-provision', async (job: Job<NoopData>) => {
    for (let i = 0; i < PROVISION_STEPS.length; i++) {
      const step = PROVISION_STEPS[i]!
      await job.updateProgress({ step, percent: Math.round((i / (PROVISION_STEPS.length - 1)) * 100) })
    }
    await mail.add('send', { n: job.data.n }, { jobId: `noop-mail-${job.data.n}` })
    latencies.push(Date.now() - job.data.addedAt)
  }, { concurrency: opts.concurrency })
  const mailWorker = queues.worker('bench-noop-mail', async () => {
    mailed++
  }, { concurrency: opts.mailConcurrency })
  worker.on('error', () => {})
  mailWorker.on('error', () => {})
  const t0 = Date.now()
  for (let n = 0; n < opts.count; n++) {
    await provision.add('provision', { n, addedAt: Date.now() }, { ...PROVISION_JOB_OPTIONS, jobId: `noop-${n}` })
  }
  while (latencies.length < opts.count || mailed < opts.count) await new Promise((r) => setTimeout(r, 10))
  const totalMs = Date.now() - t0
  await Promise.all([worker.close(), mailWorker.close()])
  return { count: opts.count, totalMs, perSecond: opts.count / (totalMs / 1000), p50: percentile(latencies, 50), p95: percentile(latencies, 95) }
}
