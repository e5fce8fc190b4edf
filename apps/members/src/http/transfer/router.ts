import type { Router } from 'express'
import { z } from 'zod'
import type { AppServices } from '@maison/app-contract'
import { importCsv } from '../../domain/csv-import.ts'
import { exportCsv, exportVcards } from '../../domain/export.ts'
import { parseOrThrow } from '../../domain/validate.ts'
import { listQuery } from '../members/schema.ts'
import { adminOnly, envFor } from '../context.ts'
import express from 'express'

// A 10,000-line CSV is about 1.5 MB; base64 adds a third.
const importJson = express.json({ limit: '15mb' })

const importBody = z.object({
  content: z.base64('expected the file content in base64').max(14_000_000, 'the file is too large (10 MB at most)'),
  mapping: z.record(z.string(), z.string()).optional(),
  mode: z.enum(['create', 'update', 'both'], 'expected create, update or both').default('create'),
  skipBadLines: z.boolean().default(false),
  dryRun: z.boolean().default(false),
})

const exportQuery = listQuery.omit({ page: true, perPage: true })

/** CSV import (with preview), CSV and vCard export. */
export function mountTransfer(router: Router, services: AppServices): void {
  router.post('/import', adminOnly, importJson, (req, res) => {
    const b = parseOrThrow(importBody, req.body, 'import')
    const report = importCsv(envFor(req, services), Buffer.from(b.content, 'base64'), b)
    res.status(report.written ? 200 : report.errors.length && !b.dryRun ? 422 : 200).json(report)
  })
  router.get('/export.csv', adminOnly, (req, res) => {
    const q = parseOrThrow(exportQuery, req.query, 'query')
    const csv = exportCsv(envFor(req, services), { q: q.q || undefined, categoryId: q.category, status: q.status, pending: q.pending, ids: q.ids, includeHidden: q.hidden, sort: q.sort, order: q.order })
    res.set('Content-Disposition', 'attachment; filename="members.csv"').type('text/csv; charset=utf-8').send(csv)
  })
  router.get('/export.vcf', adminOnly, (req, res) => {
    const q = parseOrThrow(exportQuery, req.query, 'query')
    const vcf = exportVcards(envFor(req, services), { q: q.q || undefined, categoryId: q.category, status: q.status, pending: q.pending, ids: q.ids, includeHidden: q.hidden, sort: q.sort, order: q.order }, `maison-${req.space!.slug}`)
    res.set('Content-Disposition', 'attachment; filename="members.vcf"').type('text/vcard; charset=utf-8').send(vcf)
  })
}
