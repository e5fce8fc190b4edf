import fs from 'node:fs'
import { Router, type RequestHandler } from 'express'
import type { QueueRegistry } from '@maison/queue'
import { NotFound } from '@maison/errors'
import { requestExport } from './export-request.ts'
import { FsExportStore, type ExportRecord, type ExportStore } from './export-store.ts'

export interface SpaceArchiveRouterDeps {
  queues: QueueRegistry
  dataDir: string
  clock: () => Date
  requireAdmin: RequestHandler
  store?: ExportStore
}

/** What a space admin sees of an export (no server paths). */
export const presentExport = (r: ExportRecord, pathPrefix: string) => ({
  ...r,
  downloadUrl: r.state === 'ready' ? `${pathPrefix}/api/v1/exports/${r.id}` : null,
})

/**
 * A space admin's exports of their own space, mounted at /s/{space}/api/v1:
 * `POST /export` (202, queued), `GET /exports`, `GET /exports/{id}` (the .tar.gz once ready).
 */
export function createSpaceArchiveRouter(d: SpaceArchiveRouterDeps): Router {
  const store = d.store ?? FsExportStore.forDataDir(d.dataDir)
  const r = Router()
  r.post('/export', d.requireAdmin, async (req, res) => {
    const record = await requestExport({ queues: d.queues, store, clock: d.clock }, req.space!.slug, `space:${req.principal!.username}`)
    res.status(202).location(`${req.space!.pathPrefix}/api/v1/exports/${record.id}`).json(presentExport(record, req.space!.pathPrefix))
  })
  r.get('/exports', d.requireAdmin, (req, res) => {
    res.json({ exports: store.list(req.space!.slug).map((e) => presentExport(e, req.space!.pathPrefix)) })
  })
  r.get('/exports/:id', d.requireAdmin, (req, res) => {
    const record = store.get(String(req.params.id))
    // Another space's export is simply not there.
    if (!record || record.slug !== req.space!.slug) throw new NotFound('There is no such export of this space.')
    if (record.state !== 'ready' || !fs.existsSync(store.archivePath(record.id))) {
      res.status(202).json(presentExport(record, req.space!.pathPrefix))
      return
    }
    res.attachment(`${record.id}.tar.gz`).type('application/gzip').sendFile(store.archivePath(record.id))
  })
  return r
}
