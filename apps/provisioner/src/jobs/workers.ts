import type { Job } from 'bullmq'
import type { Provisioner } from '../provisioner.ts'
import { startFleetWorkers } from './fleet-workers.ts'
import { onProvisionFailed, provisionProcessor } from './provision-worker.ts'
import { LIFECYCLE_QUEUE, PROVISION_QUEUE, type ProvisionJobData } from './queues.ts'
import { startExportWorker } from '../archive/export-worker.ts'
import { IMPORT_STALE_MS } from '../archive/importer.ts'

const MAIL_RESEND_DAYS = 7

/**
 * Puts back on the queue what a crash or a Redis loss could have dropped: approvals whose
 * job is gone, failed jobs whose application was not marked, due purges, once-only mails never
 * sent; removes the half-made spaces of imports that died. Safe to run anywhere,
 * any number of times: job ids are deterministic.
 */
export async function sweep(p: Provisioner, opts: { staleMs?: number } = {}): Promise<{ queued: number }> {
  let queued = 0
  // Only look at applications idle for a while: a busy queue holds thousands whose jobs are merely waiting.
  const before = new Date(p.clock().getTime() - (opts.staleMs ?? p.options.sweepStaleMs)).toISOString()
  for (const status of ['approved', 'provisioning'] as const) {
    for (const id of p.repos.apps.idsInStatus(status, 500, before)) {
      const app = p.repos.apps.byId(id)!
      const progress = await p.queue.progress(app.slug)
      if (!progress) {
        await p.queue.provision(app.slug, app.id)
        queued++
      } else if (progress.state === 'failed') {
        p.provisioning.fail(id, progress.error ?? 'failed')
      }
    }
  }
  for (const slug of p.lifecycle.duePurges()) await p.lifecycle.purge(slug)
  await p.upgrades.resumeIfStuck()
  const now = p.clock().getTime()
  // Activation links last 7 days: an older welcome mail is not worth sending.
  const mails = await p.provisioning.requeueUnsentMails(new Date(now - MAIL_RESEND_DAYS * 86400_000), new Date(before))
  if (mails) p.logger.info({ mails }, 'queued again mails that were never sent')
  for (const slug of await p.archive.spaces.discardStale(new Date(now - IMPORT_STALE_MS))) {
    p.logger.warn({ slug }, 'removed the half-made space of an import that stopped')
  }
  return { queued }
}

/** Starts the provisioning and lifecycle workers and the periodic sweep; returns a stop function. */
export async function startProvisionWorkers(p: Provisioner): Promise<() => void> {
  const { queues } = p.queue
  const o = p.options
  const worker = queues.worker<ProvisionJobData>(PROVISION_QUEUE, provisionProcessor(p.provisioning, { resume: o.guards }), {
    concurrency: o.provisionConcurrency, lockDuration: o.lockDurationMs, stalledInterval: o.stalledIntervalMs, maxStalledCount: o.maxStalledCount,
  })
  worker.on('failed', onProvisionFailed(p.provisioning))
  worker.on('error', (err) => p.logger.warn({ err }, 'provisioning worker error'))
  const lifecycle = queues.worker<{ slug: string }>(LIFECYCLE_QUEUE, async (job: Job<{ slug: string }>) => ({ purged: await p.lifecycle.purge(job.data.slug) }), { concurrency: 1 })
  lifecycle.on('error', (err) => p.logger.warn({ err }, 'lifecycle worker error'))
  await startExportWorker(p.archive.archives, queues, p.logger)
  await startFleetWorkers(p)
  const run = () => sweep(p).catch((err: unknown) => p.logger.warn({ err }, 'provisioning sweep failed'))
  await run()
  const timer = setInterval(run, p.options.sweepMs)
  timer.unref()
  return () => clearInterval(timer)
}
