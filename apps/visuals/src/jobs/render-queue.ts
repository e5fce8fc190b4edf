import { UnrecoverableError, type Job, type Queue, type QueueEvents } from 'bullmq'
import type { QueueRegistry } from '@maison/queue'
import { RENDER_FILE_TTL_MS, problemOf, type RenderJobData, type RenderJobQueue, type RenderJobView, type RenderProblem } from '../domain/render-jobs.ts'

/** The queue heavy renders run on. */
export const RENDERS_QUEUE = 'visuals-renders'

// Finished jobs live as long as their files; failed ones a day, so a caller can still read why.
const JOB_OPTIONS = {
  attempts: 2,
  backoff: { type: 'fixed', delay: 1000 },
  removeOnComplete: { age: RENDER_FILE_TTL_MS / 1000, count: 5000 },
  removeOnFail: { age: 24 * 3600, count: 5000 },
}

/** Render jobs on BullMQ through the workspace's queue registry. */
export class BullRenderQueue implements RenderJobQueue {
  private events: Promise<QueueEvents> | null = null

  constructor(private readonly queues: QueueRegistry) {}

  private get queue(): Queue {
    return this.queues.queue(RENDERS_QUEUE)
  }

  async enqueue(jobId: string, data: RenderJobData): Promise<RenderJobView> {
    // With a jobId that exists, BullMQ keeps the existing job: the same request twice is one job.
    await this.queue.add('render', data, { ...JOB_OPTIONS, jobId })
    return (await this.get(jobId)) ?? { state: 'queued', progress: 0 }
  }

  async get(jobId: string): Promise<RenderJobView | null> {
    const job = await this.queue.getJob(jobId)
    return job ? viewOf(job, await job.getState()) : null
  }

  async remove(jobId: string): Promise<void> {
    await this.queue.remove(jobId)
  }

  async wait(jobId: string, ms: number): Promise<RenderJobView | null> {
    const job = await this.queue.getJob(jobId)
    if (!job) return null
    // The event stream is opened once per process, on the first wait: hosts that never wait never open it.
    this.events ??= (async () => {
      const e = this.queues.queueEvents(RENDERS_QUEUE)
      await e.waitUntilReady()
      return e
    })()
    try {
      await job.waitUntilFinished(await this.events, ms)
    } catch {
      // Failed or still running after `ms`: either way the caller gets the job as it now is.
    }
    return this.get(jobId)
  }
}

/** Wraps a render so that failures that can never succeed (bad input) are not retried. */
export async function runRenderJob<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    const p = problemOf(err)
    if (p.status >= 400 && p.status < 500) throw new UnrecoverableError(JSON.stringify(p))
    throw new Error(JSON.stringify(p), { cause: err })
  }
}

function viewOf(job: Job, state: string): RenderJobView {
  const progress = typeof job.progress === 'number' ? Math.round(job.progress) : 0
  if (state === 'completed') return { state: 'done', progress: 100 }
  if (state === 'failed') return { state: 'failed', progress, error: parseProblem(job.failedReason) }
  if (state === 'active') return { state: 'running', progress }
  return { state: 'queued', progress }
}

function parseProblem(reason: string | undefined): RenderProblem {
  try {
    const p = JSON.parse(reason ?? '') as RenderProblem
    if (typeof p.status === 'number' && typeof p.code === 'string' && typeof p.message === 'string') return p
  } catch {
    // Not one of ours (e.g. a stalled job BullMQ gave up on): a plain server error.
  }
  return { status: 500, code: 'render_failed', message: reason || 'The render failed.' }
}
