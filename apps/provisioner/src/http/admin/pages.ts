import { APPLICATION_STATUSES, BUDGET_BANDS, SECTORS, STRUCTURE_TYPES } from '../../domain/fields.ts'
import type { Hint } from '../../domain/eligibility.ts'
import type { Application, AuditEntry, ClosingRequest, Message, Note, RejectTemplate } from '../../domain/ports.ts'
import { esc, page } from '../html.ts'
import { banner, consolePage, csrfField, switchHref, when, type Ctx } from './layout.ts'
import type { ConsoleTexts } from './texts.ts'
import { exportCell } from '../../archive/console.ts'

export { consolePage, type Ctx } from './layout.ts'

export function loginPage(t: ConsoleTexts, url: string, next: string, error?: string): string {
  const other = t.lang === 'fr' ? 'en' : 'fr'
  return page({ lang: t.lang, title: t.login.title, body: `${banner(error)}<p><a id="lang-switch" href="${esc(switchHref(url, other))}" hreflang="${other}">${esc(t.switchTo)}</a></p>
<form method="post" action="/admin/login">
<input type="hidden" name="next" value="${esc(next)}">
<label for="username">${esc(t.login.username)}</label><input type="text" id="username" name="username" autocomplete="username">
<label for="password">${esc(t.login.password)}</label><input type="password" id="password" name="password" autocomplete="current-password">
<p><button type="submit">${esc(t.login.submit)}</button></p></form>` })
}

const statusLabel = (t: ConsoleTexts, s: string) => esc(t.statuses[s] ?? s)

export function queuePage(c: Ctx, q: { status?: string; search?: string }, items: Application[], total: number, error?: string): string {
  const t = c.t
  const rows = items.map((a) => `<tr><td><a href="/admin/applications/${a.id}">#${a.id}</a></td><td>${esc(a.organisation)}</td><td>${esc(a.slug)}</td>
<td class="status" data-status="${esc(a.status)}">${statusLabel(t, a.status)}</td><td>${esc(a.contactEmail)}</td><td>${when(a.createdAt)}</td></tr>`).join('')
  const statusOptions = ['', ...APPLICATION_STATUSES].map((s) => `<option value="${s}"${q.status === s ? ' selected' : ''}>${s ? statusLabel(t, s) : esc(t.queue.all)}</option>`).join('')
  const k = t.queue.cols
  return consolePage(c, t.queue.title, `<form method="get" action="/admin/"><select name="status">${statusOptions}</select>
<input type="text" name="search" value="${esc(q.search ?? '')}" placeholder="${esc(t.queue.search)}" style="width:20rem"> <button>${esc(t.queue.filter)}</button></form>
<p>${esc(t.queue.count(total))}</p><table><thead><tr><th>${k.id}</th><th>${k.organisation}</th><th>${k.space}</th><th>${k.status}</th><th>${k.contact}</th><th>${k.received}</th></tr></thead><tbody>${rows}</tbody></table>`, error)
}

function facts(t: ConsoleTexts, a: Application): string {
  const f = t.facts
  const l = t.lang
  const rows: [string, string][] = [
    [f.organisation, a.organisation], [f.slug, a.slug], [f.structure, STRUCTURE_TYPES[a.structureType]?.[l] ?? a.structureType],
    [f.sectors, a.sectors.map((s) => SECTORS[s]?.[l] ?? s).join(', ')], [f.purpose, a.purpose], [f.founded, String(a.yearFounded)],
    [f.employees, String(a.employees)], [f.members, String(a.members)], [f.beneficiaries, String(a.beneficiaries)],
    [f.budget, BUDGET_BANDS[a.budgetBand]?.[l] ?? a.budgetBand], [f.contact, `${a.contactName} <${a.contactEmail}>`], [f.language, a.language],
    [f.received, when(a.createdAt)], [f.confirmed, when(a.confirmedAt)],
  ]
  return `<table>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`
}

export interface DetailView {
  application: Application
  hints: Hint[]
  messages: Message[]
  notes: Note[]
  audit: AuditEntry[]
  templates: RejectTemplate[]
}

const hintText = (t: ConsoleTexts, h: Hint) => (t.hints[h.code] ? t.hints[h.code](h.params ?? {}) : h.message)

/** One application: facts, hints, conversation, notes, decisions and live provisioning progress. */
export function detailPage(c: Ctx, v: DetailView, error?: string): string {
  const { t, csrf } = c
  const d = t.detail
  const a = v.application
  const act = (path: string, inner: string) => `<form method="post" action="/admin/applications/${a.id}/${path}">${csrfField(csrf)}${inner}</form>`
  const reviewable = a.status === 'pending' || a.status === 'info_requested'
  const decisions = reviewable ? `<h2>${esc(d.decision)}</h2>
${act('approve', `<button type="submit" name="approve">${esc(d.approve)}</button>`)}
${act('reject', `<label for="template">${esc(d.rejectWith)}</label><select id="template" name="template"><option value="">${esc(d.noTemplate)}</option>${v.templates.map((x) => `<option value="${esc(x.code)}">${esc(x.title[t.lang])}</option>`).join('')}</select>
<textarea name="reason" rows="3" placeholder="${esc(d.reasonPlaceholder)}"></textarea><button type="submit">${esc(d.reject)}</button>`)}
${act('ask', `<label for="question">${esc(d.ask)}</label><textarea id="question" name="question" rows="3"></textarea><button type="submit">${esc(d.sendQuestion)}</button>`)}` : ''
  const progress = ['approved', 'provisioning', 'ready', 'failed'].includes(a.status) ? `<h2>${esc(d.provisioning)}</h2>
<p><progress id="progress" max="100" value="${a.status === 'ready' ? 100 : 0}" data-status="${esc(a.status)}" data-poll="/admin/applications/${a.id}/progress.json"></progress> <span id="progress-step">${esc(a.status)}</span></p>
${a.lastError ? `<p class="error">${esc(d.lastError)}: ${esc(a.lastError)}</p>` : ''}
${a.status === 'failed' ? act('retry', `<button type="submit">${esc(d.retry)}</button>`) : ''}${a.status === 'ready' ? `<p><a href="/s/${esc(a.slug)}/">${esc(d.openSpace)}</a></p>` : ''}` : ''
  const body = `<p class="status">${esc(d.status)}: <span id="app-status" data-status="${esc(a.status)}">${statusLabel(t, a.status)}</span>${a.rejectReason ? ` — ${esc(a.rejectReason)}` : ''}</p>
${v.hints.length ? `<h2>${esc(d.hints)}</h2><ul>${v.hints.map((h) => `<li class="error" data-hint="${esc(h.code)}">${esc(hintText(t, h))}</li>`).join('')}</ul>` : `<p>${esc(d.noHint)}</p>`}
${facts(t, a)}${decisions}${progress}
<h2>${esc(d.conversation)}</h2><ul>${v.messages.map((m) => `<li><strong>${esc(m.author === 'staff' ? d.staff : d.applicant)}</strong> ${when(m.createdAt)}: ${esc(m.body)}</li>`).join('') || `<li>${esc(d.none)}</li>`}</ul>
<h2>${esc(d.notes)}</h2><ul>${v.notes.map((n) => `<li><strong>${esc(n.staffName)}</strong> ${when(n.createdAt)}: ${esc(n.body)}</li>`).join('') || `<li>${esc(d.none)}</li>`}</ul>
${act('note', `<label for="note">${esc(d.addNoteLabel)}</label><textarea id="note" name="note" rows="2"></textarea><button type="submit">${esc(d.addNote)}</button>`)}
<h2>${esc(d.history)}</h2>${auditTable(t, v.audit)}`
  return consolePage(c, d.title(a.id, a.organisation), body, error)
}

export function auditTable(t: ConsoleTexts, entries: AuditEntry[]): string {
  const h = t.audit
  return `<table><thead><tr><th>${esc(h.when)}</th><th>${esc(h.who)}</th><th>${esc(h.what)}</th><th>${esc(h.on)}</th><th>${esc(h.detail)}</th></tr></thead><tbody>${entries.map((e) =>
    `<tr><td>${when(e.at)}</td><td>${esc(e.actor)}</td><td>${esc(e.action)}</td><td>${esc(e.target)}</td><td>${esc(JSON.stringify(e.detail))}</td></tr>`).join('')}</tbody></table>`
}

export function spacesPage(c: Ctx, spaces: { slug: string; name: string; status: string; maxAccounts: number; quotaBytes: number }[], closing: ClosingRequest[], error?: string): string {
  const { t, csrf } = c
  const s = t.spaces
  const btn = (slug: string, action: string, label: string) =>
    `<form method="post" action="/admin/spaces/${esc(slug)}/${action}" style="display:inline">${csrfField(csrf)}<button type="submit">${esc(label)}</button></form>`
  const rows = spaces.map((x) => `<tr><td><a href="/s/${esc(x.slug)}/">${esc(x.slug)}</a></td><td>${esc(x.name)}</td><td class="status" data-status="${esc(x.status)}">${esc(s.status[x.status] ?? x.status)}</td>
<td>${x.maxAccounts}</td><td>${Math.round(x.quotaBytes / 1024 ** 3)} GB</td><td>${x.status === 'active' ? btn(x.slug, 'suspend', s.suspend) : ''}${x.status === 'suspended' ? btn(x.slug, 'resume', s.resume) : ''}
${x.status === 'deleted' ? btn(x.slug, 'restore', s.restore) : btn(x.slug, 'delete', s.delete)} ${exportCell(c, x.slug)}</td></tr>`).join('')
  const k = s.cols
  return consolePage(c, s.title, `${closing.length ? `<h2>${esc(s.closing)}</h2><ul>${closing.map((r) => `<li>${esc(r.slug)} ${esc(s.by)} ${esc(r.requestedBy)} (${when(r.createdAt)}): ${esc(r.reason)}</li>`).join('')}</ul>` : ''}
<table><thead><tr><th>${k.space}</th><th>${k.name}</th><th>${k.status}</th><th>${k.accounts}</th><th>${k.quota}</th><th></th></tr></thead><tbody>${rows}</tbody></table>`, error)
}

export function outboxPage(c: Ctx, mails: { id: number; key: string; to: string; subject: string; text: string; createdAt: string }[]): string {
  const o = c.t.outbox
  return consolePage(c, o.title, `<p>${esc(o.lead)}</p>${mails.map((m) => `<article><h3>${esc(m.subject)}</h3>
<p>${esc(o.to)} ${esc(m.to)} — ${when(m.createdAt)} — <code>${esc(m.key)}</code></p><pre style="white-space:pre-wrap">${esc(m.text)}</pre></article>`).join('') || `<p>${esc(o.empty)}</p>`}`)
}

export function templatesPage(c: Ctx, templates: RejectTemplate[], error?: string): string {
  const x = c.t.templates
  const form = (t: Partial<RejectTemplate>) => `<form method="post" action="/admin/templates">${csrfField(c.csrf)}
<label>${esc(x.code)} <input type="text" name="code" value="${esc(t.code ?? '')}"${t.code ? ' readonly' : ''}></label>
<label>${esc(x.titleEn)} <input type="text" name="titleEn" value="${esc(t.title?.en ?? '')}"></label><label>${esc(x.titleFr)} <input type="text" name="titleFr" value="${esc(t.title?.fr ?? '')}"></label>
<label>${esc(x.bodyEn)} <textarea name="bodyEn" rows="3">${esc(t.body?.en ?? '')}</textarea></label><label>${esc(x.bodyFr)} <textarea name="bodyFr" rows="3">${esc(t.body?.fr ?? '')}</textarea></label>
<button type="submit">${esc(x.save)}</button></form>`
  return consolePage(c, x.title, templates.map(form).join('<hr>') + `<h2>${esc(x.add)}</h2>` + form({}), error)
}
