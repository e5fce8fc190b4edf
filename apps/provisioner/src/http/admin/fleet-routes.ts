import type { RequestHandler, Router } from 'express'
import type { Provisioner } from '../../provisioner.ts'
import { parse, upgradeIdParam } from '../api/schema.ts'
import { action, ctxOf, errorOf } from './helpers.ts'
import { statsPage } from './stats-page.ts'
import { upgradePage, upgradesPage } from './upgrades-page.ts'

/** Console pages for the fleet: upgrades (start, live progress, report, retry) and statistics. */
export function addFleetRoutes(r: Router, p: Provisioner, mw: { form: RequestHandler; auth: RequestHandler }): void {
  const { form, auth } = mw
  const id = (params: unknown) => parse(upgradeIdParam, params, 'path').id
  r.get('/admin/upgrades', auth, (req, res) => {
    const v = { behind: p.upgrades.behind(), schemaVersion: p.upgrades.schemaVersion, upgrades: p.upgrades.list(20) }
    res.type('html').send(upgradesPage(ctxOf(req, res), v, errorOf(req)))
  })
  r.post('/admin/upgrades', form, auth, action(() => '/admin/upgrades', async (req) => `/admin/upgrades/${(await p.upgrades.start(req.staff!)).upgrade.id}`))
  r.get('/admin/upgrades/:id', auth, (req, res) => {
    const n = id(req.params)
    res.type('html').send(upgradePage(ctxOf(req, res), p.upgrades.report(n), p.upgrades.spaces(n), errorOf(req)))
  })
  r.get('/admin/upgrades/:id/progress.json', auth, (req, res) => {
    res.json(p.upgrades.progress(id(req.params)))
  })
  r.post('/admin/upgrades/:id/retry', form, auth, action((req) => `/admin/upgrades/${req.params.id}`, (req) => p.upgrades.retry(req.staff!, id(req.params))))

  r.get('/admin/stats', auth, async (req, res) => {
    const view = p.stats.view()
    // Never computed yet (a new installation): ask once; the job runs it a single time however many ask.
    if (!view.usage) await p.statsQueue.refresh()
    res.type('html').send(statsPage(ctxOf(req, res), view))
  })
  // Any staff member may ask: the job reads, and runs once however often it is asked.
  r.post('/admin/stats/refresh', form, auth, action(() => '/admin/stats', () => p.statsQueue.refresh()))
}
