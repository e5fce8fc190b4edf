import type { RequestHandler, Router } from 'express'
import { z } from 'zod'
import type { Provisioner } from '../provisioner.ts'
import { esc } from '../http/html.ts'
import { parse, slugOf } from '../http/api/schema.ts'
import { action, ctxOf, errorOf } from '../http/admin/helpers.ts'
import { consolePage, csrfField, when, type Ctx } from '../http/admin/layout.ts'
import { isExportId, type ExportRecord } from '../../../workspace/src/archive/export-store.ts'

const TEXTS = {
  en: { export: 'Export', exports: 'Exports', title: (s: string) => `Exports of ${s}`, none: 'No export in the last 7 days.', download: 'Download', refresh: 'Refresh',
    cols: { created: 'Requested', by: 'By', state: 'State', size: 'Size' }, states: { queued: 'being written…', ready: 'ready', failed: 'failed' }, keep: 'Exports are kept 7 days.' },
  fr: { export: 'Exporter', exports: 'Exports', title: (s: string) => `Exports de ${s}`, none: 'Aucun export ces 7 derniers jours.', download: 'Télécharger', refresh: 'Actualiser',
    cols: { created: 'Demandé', by: 'Par', state: 'État', size: 'Taille' }, states: { queued: 'en cours d’écriture…', ready: 'prêt', failed: 'échec' }, keep: 'Les exports sont gardés 7 jours.' },
}
const textsOf = (c: Ctx) => TEXTS[c.t.lang === 'fr' ? 'fr' : 'en']

/** The spaces page's export button and link to the space's exports (one call per row). */
export function exportCell(c: Ctx, slug: string): string {
  const t = textsOf(c)
  return `<form method="post" action="/admin/spaces/${esc(slug)}/export" style="display:inline">${csrfField(c.csrf)}<button type="submit">${esc(t.export)}</button></form>
<a href="/admin/spaces/${esc(slug)}/exports">${esc(t.exports)}</a>`
}

const mb = (n: number | null) => (n === null ? '' : `${(n / 1024 ** 2).toFixed(1)} MB`)

function exportsPage(c: Ctx, slug: string, exports: ExportRecord[], error?: string): string {
  const t = textsOf(c)
  const rows = exports.map((e) => `<tr><td>${when(e.createdAt)}</td><td>${esc(e.requestedBy)}</td><td class="status" data-status="${esc(e.state)}">${esc(t.states[e.state])}${e.error ? ` — ${esc(e.error)}` : ''}</td>
<td>${mb(e.size)}</td><td>${e.state === 'ready' ? `<a href="/admin/exports/${esc(e.id)}" download>${esc(t.download)}</a> <code title="SHA-256">${esc(e.sha256?.slice(0, 12) ?? '')}</code>` : ''}</td></tr>`).join('')
  return consolePage(c, t.title(slug), `<p>${esc(t.keep)} ${exportCell(c, slug)} <a href="/admin/spaces/${esc(slug)}/exports">${esc(t.refresh)}</a></p>
${exports.length ? `<table><thead><tr><th>${esc(t.cols.created)}</th><th>${esc(t.cols.by)}</th><th>${esc(t.cols.state)}</th><th>${esc(t.cols.size)}</th><th></th></tr></thead><tbody>${rows}</tbody></table>` : `<p>${esc(t.none)}</p>`}`, error)
}

const exportIdParam = z.object({ id: z.string().refine(isExportId, { error: 'The export id is not one this server hands out.' }) })

/** Console routes: ask for an export, list a space's exports, download one (cookie session, not Basic). */
export function addExportConsoleRoutes(r: Router, p: Provisioner, mw: { form: RequestHandler; auth: RequestHandler }): void {
  const { form, auth } = mw
  const a = p.archive.archives
  r.post('/admin/spaces/:slug/export', form, auth, action((req) => `/admin/spaces/${req.params.slug}/exports`, async (req) => {
    const record = await a.requestExport(req.staff!, slugOf(req.params))
    return `/admin/spaces/${record.slug}/exports`
  }))
  r.get('/admin/spaces/:slug/exports', auth, (req, res) => {
    const slug = slugOf(req.params)
    res.type('html').send(exportsPage(ctxOf(req, res), slug, a.listExports(slug), errorOf(req)))
  })
  r.get('/admin/exports/:id', auth, (req, res) => {
    const { record, file } = a.download(parse(exportIdParam, req.params, 'path').id)
    if (!file) return res.redirect(303, `/admin/spaces/${record.slug}/exports`)
    res.attachment(`${record.id}.tar.gz`).type('application/gzip').sendFile(file)
  })
}
