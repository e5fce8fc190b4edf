import type { QueueRegistry } from '@maison/queue'
import { newExportId, type ExportRecord, type ExportStore } from './export-store.ts'

/** The queue export jobs run on (workers: apps/provisioner/src/archive/export-worker.ts). */
export const EXPORT_QUEUE = 'space-export'

export interface ExportJobData {
  exportId: string
  slug: string
}

/** BullMQ job ids can't hold ':'. One job per export: asking again for the same id adds nothing. */
export const exportJobId = (exportId: string): string => `export-${exportId}`

export const EXPORT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 86400, count: 1000 },
  removeOnFail: { age: 30 * 86400, count: 1000 },
} as const

/**
 * Records a queued export and adds its job; the worker writes the archive. While one export of the
 * space is still queued, asking again returns it (and puts its job back if Redis lost it) instead of
 * writing the space twice.
 */
export async function requestExport(
  d: { queues: QueueRegistry; store: ExportStore; clock: () => Date },
  slug: string,
  requestedBy: string,
): Promise<ExportRecord> {
  const pending = d.store.list(slug).find((r) => r.state === 'queued')
  if (pending) {
    await d.queues.queue(EXPORT_QUEUE).add('export', { exportId: pending.id, slug } satisfies ExportJobData, { ...EXPORT_JOB_OPTIONS, jobId: exportJobId(pending.id) })
    return pending
  }
  const now = d.clock()
  const record: ExportRecord = {
    id: newExportId(slug, now), slug, state: 'queued', requestedBy, createdAt: now.toISOString(),
    finishedAt: null, size: null, sha256: null, error: null,
  }
  d.store.save(record)
  const data: ExportJobData = { exportId: record.id, slug }
  await d.queues.queue(EXPORT_QUEUE).add('export', data, { ...EXPORT_JOB_OPTIONS, jobId: exportJobId(record.id) })
  return record
}
