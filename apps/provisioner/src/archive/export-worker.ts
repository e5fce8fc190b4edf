import { UnrecoverableError, type Job } from 'bullmq'
import type { Logger } from 'pino'
import { AppError } from '@maison/errors'
import type { QueueRegistry } from '@maison/queue'
import { EXPORT_QUEUE, type ExportJobData } from '../../../workspace/src/archive/export-request.ts'
import type { SpaceArchives } from './service.ts'

export const EXPIRE_JOB = 'expire-exports'

/** The export job: writes the archive, reporting the step and the files written so far. */
export function exportProcessor(archives: SpaceArchives) {
  return async (job: Job<ExportJobData>): Promise<unknown> => {
    if (job.name === EXPIRE_JOB) return { expired: await archives.expire() }
    try {
      const record = await archives.runExport(job.data.exportId, (step, files) => job.updateProgress({ step, files }))
      await job.updateProgress({ step: 'done', files: null })
      return { id: record.id, size: record.size }
    } catch (err) {
      // A space that is gone or an id that is unknown won't appear by retrying.
      if (err instanceof AppError && err.status < 500) throw new UnrecoverableError(`${err.code}: ${err.message}`)
      throw err
    }
  }
}

/** Starts the export worker and the hourly expiry of exports older than 7 days. */
export async function startExportWorker(archives: SpaceArchives, queues: QueueRegistry, logger: Logger): Promise<void> {
  const worker = queues.worker<ExportJobData>(EXPORT_QUEUE, exportProcessor(archives), { concurrency: 1 })
  worker.on('failed', (job, err) => {
    if (job && job.name !== EXPIRE_JOB && (job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError)) {
      archives.failExport(job.data.exportId, err.message)
    }
  })
  worker.on('error', (err) => logger.warn({ err }, 'export worker error'))
  await queues.queue(EXPORT_QUEUE).upsertJobScheduler(EXPIRE_JOB, { pattern: '23 * * * *' }, { name: EXPIRE_JOB })
}
