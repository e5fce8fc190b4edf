import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import express, { Router, type Request } from 'express'
import { AppError } from '@maison/errors'
import type { Provisioner } from '../../provisioner.ts'
import { saveTemplate } from '../../domain/templates.ts'
import { PROVISION_STEPS } from '../../domain/provisioning.ts'
import { idParam, listQuery, parse, slugOf } from '../api/schema.ts'
import { consoleLanguage } from '../language.ts'
import { consoleAuth, sessionToken, STAFF_COOKIE } from '../staff-auth.ts'
import { addFleetRoutes } from './fleet-routes.ts'
import { addExportConsoleRoutes } from '../../archive/console.ts'
import { action, ctxOf, errorOf } from './helpers.ts'
import { auditTable, consolePage, detailPage, loginPage, outboxPage, queuePage, spacesPage, templatesPage } from './pages.ts'
import { CONSOLE_TEXTS } from './texts.ts'

const CONSOLE_JS = fs.readFileSync(fileURLToPath(new URL('../assets/console.js', import.meta.url)), 'utf8')

/** The staff console at /admin/: server-rendered pages in English or French, a session cookie and a CSRF token per form. */
export function createAdminRouter(p: Provisioner, opts: { secureCookies: boolean }): Router {
  const r = Router()
  const form = express.urlencoded({ extended: false, limit: '64kb' })
  const auth = consoleAuth(p.staff)
  const body = (req: Request) => req.body as Record<string, string | undefined>

  // Routing is not strict: '/admin' also matches '/admin/', so look at the raw path.
  r.get('/admin', (req, res, next) => (req.originalUrl.split('?')[0] === '/admin' ? res.redirect(301, '/admin/') : next()))
  r.get('/admin/assets/console.js', (_req, res) => res.type('text/javascript').send(CONSOLE_JS))
  r.get('/admin/login', (req, res) => {
    const t = CONSOLE_TEXTS[consoleLanguage(req, res)]
    res.type('html').send(loginPage(t, req.originalUrl, typeof req.query.next === 'string' ? req.query.next : '/admin/'))
  })
  r.post('/admin/login', form, async (req, res) => {
    const b = body(req)
    const next = b.next?.startsWith('/admin/') ? b.next : '/admin/'
    try {
      const staff = await p.staff.login(b.username ?? '', b.password ?? '')
      const session = p.staff.openSession(staff)
      res.cookie(STAFF_COOKIE, session.token, { httpOnly: true, sameSite: 'strict', path: '/', secure: opts.secureCookies, maxAge: session.maxAgeMs })
      res.redirect(303, next)
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err
      const t = CONSOLE_TEXTS[consoleLanguage(req, res)]
      res.status(401).type('html').send(loginPage(t, '/admin/login', next, t.lang === 'fr' ? 'Identifiant ou mot de passe incorrect.' : err.message))
    }
  })
  r.post('/admin/logout', form, auth, (req, res) => {
    const token = sessionToken(req)
    if (token) p.staff.endSession(token)
    res.clearCookie(STAFF_COOKIE, { path: '/' }).redirect(303, '/admin/login')
  })

  r.get('/admin/', auth, (req, res) => {
    const picked = Object.fromEntries(['status', 'search', 'limit', 'offset'].filter((k) => req.query[k]).map((k) => [k, req.query[k]]))
    const q = parse(listQuery, picked, 'query')
    const { items, total } = p.applications.list(req.staff!, q)
    res.type('html').send(queuePage(ctxOf(req, res), q, items, total, errorOf(req)))
  })
  r.get('/admin/applications/:id', auth, (req, res) => {
    const id = parse(idParam, req.params, 'path').id
    const d = p.applications.detail(id)
    const audit = p.repos.audit.list({ target: `application:${id}` })
    res.type('html').send(detailPage(ctxOf(req, res), { ...d, audit, templates: p.repos.templates.list() }, errorOf(req)))
  })
  r.get('/admin/applications/:id/progress.json', auth, async (req, res) => {
    const a = p.applications.detail(parse(idParam, req.params, 'path').id).application
    const job = await p.queue.progress(a.slug)
    const step = job?.step ?? null
    const percent = a.status === 'ready' ? 100 : step ? Math.round((PROVISION_STEPS.indexOf(step as never) / (PROVISION_STEPS.length - 1)) * 100) : 0
    res.json({ status: a.status, step, percent, error: a.lastError ?? job?.error ?? null, attempts: job?.attempts ?? 0 })
  })
  const toApp = (req: Request) => `/admin/applications/${req.params.id}`
  const appId = (req: Request) => parse(idParam, req.params, 'path').id
  r.post('/admin/applications/:id/approve', form, auth, action(toApp, (req) => p.applications.approve(req.staff!, appId(req))))
  r.post('/admin/applications/:id/reject', form, auth, action(toApp, (req) =>
    p.applications.reject(req.staff!, appId(req), { template: body(req).template || undefined, reason: body(req).reason })))
  r.post('/admin/applications/:id/ask', form, auth, action(toApp, (req) => p.applications.askInfo(req.staff!, appId(req), body(req).question)))
  r.post('/admin/applications/:id/note', form, auth, action(toApp, (req) => p.applications.addNote(req.staff!, appId(req), body(req).note)))
  r.post('/admin/applications/:id/retry', form, auth, action(toApp, (req) => p.applications.retryProvisioning(req.staff!, appId(req))))

  r.get('/admin/spaces', auth, (req, res) => {
    res.type('html').send(spacesPage(ctxOf(req, res), p.repos.spaces.list(), p.lifecycle.openClosingRequests(), errorOf(req)))
  })
  const toSpaces = () => '/admin/spaces'
  r.post('/admin/spaces/:slug/suspend', form, auth, action(toSpaces, (req) => p.lifecycle.suspend(req.staff!, slugOf(req.params), body(req).reason)))
  r.post('/admin/spaces/:slug/resume', form, auth, action(toSpaces, (req) => p.lifecycle.resume(req.staff!, slugOf(req.params))))
  r.post('/admin/spaces/:slug/delete', form, auth, action(toSpaces, (req) => p.lifecycle.delete(req.staff!, slugOf(req.params))))
  r.post('/admin/spaces/:slug/restore', form, auth, action(toSpaces, (req) => p.lifecycle.restore(req.staff!, slugOf(req.params))))

  r.get('/admin/audit', auth, (req, res) => {
    const c = ctxOf(req, res)
    res.type('html').send(consolePage(c, c.t.audit.title, auditTable(c.t, p.repos.audit.list({ limit: 500 }))))
  })
  r.get('/admin/outbox', auth, (req, res) => res.type('html').send(outboxPage(ctxOf(req, res), p.outbox.list(200))))
  addFleetRoutes(r, p, { form, auth })
  addExportConsoleRoutes(r, p, { form, auth })
  r.get('/admin/templates', auth, (req, res) => res.type('html').send(templatesPage(ctxOf(req, res), p.repos.templates.list(), errorOf(req))))
  r.post('/admin/templates', form, auth, action(() => '/admin/templates', (req) =>
    saveTemplate({ templates: p.repos.templates, audit: p.repos.audit, clock: p.clock }, req.staff!, {
      code: body(req).code, titleEn: body(req).titleEn, titleFr: body(req).titleFr, bodyEn: body(req).bodyEn, bodyFr: body(req).bodyFr,
    })))
  return r
}
