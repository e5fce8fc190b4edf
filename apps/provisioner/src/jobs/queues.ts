import type { Job, JobsOptions } from 'bullmq'
import type { QueueRegistry } from '@maison/queue'
import type { ProvisionQueue } from '../domain/ports.ts'
import { DEFAULT_OPTIONS, type JobRetention } from '../options.ts'

export const PROVISION_QUEUE = 'provision'
export const LIFECYCLE_QUEUE = 'space-lifecycle'

/** BullMQ job ids can't hold ':', hence the dash. */
export const provisionJobId = (slug: string): string => `provision-${slug}`
export const purgeJobId = (slug: string): string => `purge-${slug}`

export interface ProvisionJobData {
  slug: string
  applicationId: number
  /** Where jobs queued before progress carried the step recorded it. */
  step?: string
}

/** The step a provisioning job recorded last: its progress (one write per step), or its data as older jobs kept it. */
export function recordedStep(job: Job<ProvisionJobData>): string | undefined {
  const progress = job.progress as { step?: unknown } | number | null
  const fromProgress = progress && typeof progress === 'object' && typeof progress.step === 'string' ? progress.step : undefined
  return fromProgress ?? job.data.step
}

/** Completed jobs trimmed by age and count so Redis does not grow with the fleet; failures kept for staff. */
export function provisionJobOptions(r: JobRetention): JobsOptions {
  return {
    attempts: 8,
    backoff: { type: 'exponential', delay: 500 },
    removeOnComplete: { age: r.completedAgeSeconds, count: r.completedCount },
    removeOnFail: { age: r.failedAgeSeconds, count: r.failedCount },
  }
}

/** With the default retention (the benchmark's anchor flow copies it). */
export const PROVISION_JOB_OPTIONS: JobsOptions = provisionJobOptions(DEFAULT_OPTIONS.retention)

/** The provisioning and lifecycle queues on BullMQ. */
export class BullProvisionQueue implements ProvisionQueue {
  private readonly jobOptions: JobsOptions

  constructor(readonly queues: QueueRegistry, private readonly retention: JobRetention = DEFAULT_OPTIONS.retention) {
    this.jobOptions = provisionJobOptions(retention)
  }

  async provision(slug: string, applicationId: number): Promise<void> {
    const data: ProvisionJobData = { slug, applicationId }
    // Same id, same job: a second approval or a sweep adds nothing while the first job exists.
    await this.queues.queue(PROVISION_QUEUE).add('provision', data, { ...this.jobOptions, jobId: provisionJobId(slug) })
  }

  /** Retries a failed provisioning job, or queues it again when Redis no longer has it. */
  async retry(slug: string, applicationId: number): Promise<void> {
    const job = await this.queues.queue(PROVISION_QUEUE).getJob(provisionJobId(slug))
    if (job && (await job.isFailed())) await job.retry('failed')
    else await this.provision(slug, applicationId)
  }

  async schedulePurge(slug: string, at: Date): Promise<void> {
    await this.cancelPurge(slug)
    await this.queues.queue(LIFECYCLE_QUEUE).add('purge', { slug }, {
      jobId: purgeJobId(slug), delay: Math.max(0, at.getTime() - Date.now()), attempts: 5,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: { age: this.retention.completedAgeSeconds, count: this.retention.completedCount },
      removeOnFail: { age: this.retention.failedAgeSeconds, count: this.retention.failedCount },
    })
  }

  async cancelPurge(slug: string): Promise<void> {
    const job = await this.queues.queue(LIFECYCLE_QUEUE).getJob(purgeJobId(slug))
    if (job) await job.remove()
  }

  /** Where a provisioning job stands, for the console's live progress. */
  async progress(slug: string): Promise<{ state: string; step: string | null; progress: unknown; attempts: number; error: string | null } | null> {
    const job = await this.queues.queue(PROVISION_QUEUE).getJob(provisionJobId(slug))
    if (!job) return null
    return {
      state: await job.getState(), step: recordedStep(job as Job<ProvisionJobData>) ?? null, progress: job.progress,
      attempts: job.attemptsMade, error: job.failedReason ?? null,
    }
  }
}
