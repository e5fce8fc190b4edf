import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import express, { Router } from 'express'
import { z } from 'zod'
import { PayloadTooLarge, UnsupportedMediaType, ValidationError } from '@maison/errors'
import type { StaffService } from '../domain/staff.ts'
import { apiAuth } from '../http/staff-auth.ts'
import { parse, slugOf } from '../http/api/schema.ts'
import { isExportId } from '../../../workspace/src/archive/export-store.ts'
import type { SpaceArchives } from './service.ts'

const ARCHIVE_TYPES = ['application/gzip', 'application/x-gzip', 'application/octet-stream', 'application/x-tar', 'application/x-compressed-tar']
const exportIdParam = z.object({ id: z.string().refine(isExportId, { error: 'The export id is not one this server hands out.' }) })

/** Streams a request body to a file, refusing more than `limit` bytes. */
async function receive(req: express.Request, file: string, limit: number): Promise<number> {
  let size = 0
  const count = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length
      cb(size > limit ? new PayloadTooLarge(`The archive is larger than ${limit} bytes.`) : null, chunk)
    },
  })
  await pipeline(req, count, fs.createWriteStream(file))
  return size
}

/** Staff routes for exports and imports under /api/v1 (mounted by the API router). */
export function createArchiveRouter(d: { archives: SpaceArchives; staff: StaffService; tmpDir: string; maxImportBytes: number }): Router {
  const r = Router()
  const staffAuth = apiAuth(d.staff)
  const json = express.json({ limit: '16kb' })

  r.post('/api/v1/spaces/:slug/export', json, staffAuth, async (req, res) => {
    const record = await d.archives.requestExport(req.staff!, slugOf(req.params))
    res.status(202).location(`/api/v1/exports/${record.id}`).json({ ...record, downloadUrl: `/api/v1/exports/${record.id}` })
  })
  r.get('/api/v1/spaces/:slug/exports', json, staffAuth, (req, res) => {
    res.json({ exports: d.archives.listExports(slugOf(req.params)).map((e) => ({ ...e, downloadUrl: e.state === 'ready' ? `/api/v1/exports/${e.id}` : null })) })
  })
  r.get('/api/v1/exports/:id', json, staffAuth, (req, res) => {
    const { record, file } = d.archives.download(parse(exportIdParam, req.params, 'path').id)
    if (!file) {
      res.status(record.state === 'failed' ? 409 : 202).json(record)
      return
    }
    res.attachment(`${record.id}.tar.gz`).type('application/gzip').sendFile(file)
  })
  // No body parser: the archive streams to disk, then is checked whole before anything is created.
  r.post('/api/v1/spaces/:slug/import', staffAuth, async (req, res) => {
    const slug = slugOf(req.params)
    const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (!ARCHIVE_TYPES.includes(type)) {
      throw new UnsupportedMediaType(`Send the archive as the request body with Content-Type application/gzip (got "${type || 'none'}").`)
    }
    await fsp.mkdir(d.tmpDir, { recursive: true })
    const file = path.join(d.tmpDir, `${randomUUID()}.tar.gz`)
    try {
      const size = await receive(req, file, d.maxImportBytes)
      if (size === 0) throw new ValidationError('The request body is empty: send the .tar.gz archive of an export.', { errors: [{ path: '(body)', message: 'empty' }] })
      const result = await d.archives.importArchive(req.staff!, slug, file)
      res.status(201).location(`/api/v1/spaces/${slug}`).json(result)
    } finally {
      await fsp.rm(file, { force: true })
    }
  })
  return r
}
