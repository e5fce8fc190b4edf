import express, { Router } from 'express'
import type { Provisioner } from '../../provisioner.ts'
import { spaceStatus } from '../../domain/space-status.ts'
import type { Application } from '../../domain/ports.ts'
import { languageOf } from '../language.ts'
import type { AddressLimiter } from '../rate-limit.ts'
import { apiAuth } from '../staff-auth.ts'
import { createArchiveRouter } from '../../archive/router.ts'
import { closingBody, idParam, limitsBody, listQuery, parse, questionBody, rejectBody, slugOf, suspendBody, tokenBody, upgradeBody, upgradeIdParam } from './schema.ts'

const present = (a: Application) => a

/** The platform API under /api/v1: JSON in and out, problem+json errors, staff credentials except to apply. */
export function createApiRouter(p: Provisioner, limiter: AddressLimiter): Router {
  const r = Router()
  const json = express.json({ limit: '64kb' })
  const staffAuth = apiAuth(p.staff)

  r.post('/api/v1/applications', json, async (req, res) => {
    const lang = languageOf(req)
    await limiter.consume(req.ip ?? 'unknown', lang === 'fr' ? 'Trop de demandes depuis votre adresse ; réessayez plus tard.' : 'Too many applications from your address; try again later.')
    const { application } = await p.applications.submit(req.body, lang)
    res.status(201).json({ id: application.id, status: application.status, slug: application.slug })
  })
  r.get('/api/v1/applications/check', (req, res) => {
    res.json(p.applications.checkName(typeof req.query.slug === 'string' ? req.query.slug : ''))
  })

  // Auth per route, not per prefix: on {space}.BASE_DOMAIN, /api/v1/... belongs to the space.
  r.get('/api/v1/applications', json, staffAuth, (req, res) => {
    const q = parse(listQuery, req.query, 'query')
    const { items, total } = p.applications.list(req.staff!, q)
    res.json({ applications: items.map(present), total, limit: q.limit, offset: q.offset })
  })
  r.get('/api/v1/applications/:id', json, staffAuth, (req, res) => {
    const d = p.applications.detail(parse(idParam, req.params, 'path').id)
    res.json({ ...d, application: present(d.application) })
  })
  r.post('/api/v1/applications/:id/approve', json, staffAuth, async (req, res) => {
    res.json(present(await p.applications.approve(req.staff!, parse(idParam, req.params, 'path').id)))
  })
  r.post('/api/v1/applications/:id/reject', json, staffAuth, async (req, res) => {
    const id = parse(idParam, req.params, 'path').id
    res.json(present(await p.applications.reject(req.staff!, id, parse(rejectBody, req.body, 'body'))))
  })
  r.post('/api/v1/applications/:id/questions', json, staffAuth, async (req, res) => {
    const id = parse(idParam, req.params, 'path').id
    res.json(present(await p.applications.askInfo(req.staff!, id, parse(questionBody, req.body, 'body').question)))
  })
  r.post('/api/v1/applications/:id/retry', json, staffAuth, async (req, res) => {
    const id = parse(idParam, req.params, 'path').id
    const app = await p.applications.retryProvisioning(req.staff!, id)
    res.status(202).json(present(app))
  })

  r.get('/api/v1/spaces/:slug', json, staffAuth, async (req, res) => {
    res.json(await spaceStatus(slugOf(req.params), { apps: p.repos.apps, lifecycle: p.lifecycle, progress: (s) => p.queue.progress(s) }))
  })
  r.post('/api/v1/spaces/:slug/suspend', json, staffAuth, (req, res) => {
    res.json(p.lifecycle.suspend(req.staff!, slugOf(req.params), parse(suspendBody, req.body, 'body').reason))
  })
  r.post('/api/v1/spaces/:slug/resume', json, staffAuth, (req, res) => {
    res.json(p.lifecycle.resume(req.staff!, slugOf(req.params)))
  })
  r.post('/api/v1/spaces/:slug/limits', json, staffAuth, (req, res) => {
    res.json(p.lifecycle.changeLimits(req.staff!, slugOf(req.params), parse(limitsBody, req.body, 'body')))
  })
  r.post('/api/v1/spaces/:slug/delete', json, staffAuth, async (req, res) => {
    res.json(await p.lifecycle.delete(req.staff!, slugOf(req.params)))
  })
  r.post('/api/v1/spaces/:slug/restore', json, staffAuth, async (req, res) => {
    res.json(await p.lifecycle.restore(req.staff!, slugOf(req.params)))
  })
  r.post('/api/v1/spaces/:slug/closing-request', json, staffAuth, (req, res) => {
    const b = parse(closingBody, req.body, 'body')
    res.status(201).json(p.lifecycle.requestClosure(slugOf(req.params), b.requestedBy, b.reason))
  })

  r.get('/api/v1/stats', json, staffAuth, async (_req, res) => {
    const view = p.stats.view()
    if (!view.usage) await p.statsQueue.refresh()
    res.json(view)
  })
  r.post('/api/v1/stats/refresh', json, staffAuth, async (_req, res) => {
    await p.statsQueue.refresh()
    res.status(202).json({ queued: true, computedAt: p.stats.view().usage?.computedAt ?? null })
  })

  r.post('/api/v1/upgrades', json, staffAuth, async (req, res) => {
    const { upgrade, created } = await p.upgrades.start(req.staff!, parse(upgradeBody, req.body, 'body'))
    res.status(202).location(`/api/v1/upgrades/${upgrade.id}`).json({ ...upgrade, created })
  })
  r.get('/api/v1/upgrades', json, staffAuth, (_req, res) => {
    res.json({ behind: p.upgrades.behind(), schemaVersion: p.upgrades.schemaVersion, upgrades: p.upgrades.list(20) })
  })
  r.get('/api/v1/upgrades/:id', json, staffAuth, (req, res) => {
    res.json(p.upgrades.report(parse(upgradeIdParam, req.params, 'path').id))
  })
  r.post('/api/v1/upgrades/:id/retry', json, staffAuth, async (req, res) => {
    res.status(202).json(await p.upgrades.retry(req.staff!, parse(upgradeIdParam, req.params, 'path').id))
  })
  r.post('/api/v1/tokens', json, staffAuth, (req, res) => {
    res.status(201).json(p.staff.createToken(req.staff!, parse(tokenBody, req.body, 'body').name))
  })
  r.use(createArchiveRouter({ archives: p.archive.archives, staff: p.staff, tmpDir: p.archive.tmpDir, maxImportBytes: p.options.importMaxBytes }))
  return r
}
