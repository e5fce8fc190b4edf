import { APPLICATION_STATUSES, BUDGET_BANDS, SECTORS, STRUCTURE_TYPES } from '../../domain/fields.ts'
import type { Hint } from '../../domain/eligibility.ts'
import type { Application, AuditEntry, ClosingRequest, Message, Note, RejectTemplate, StaffMember } from '../../domain/ports.ts'
import type { FleetStatsView } from '../../domain/stats.ts'
import { esc, page } from '../html.ts'

const nav = (s: StaffMember) => `<nav><a href="/admin/">Applications</a><a href="/admin/spaces">Spaces</a><a href="/admin/stats">Statistics</a>
<a href="/admin/audit">Audit log</a><a href="/admin/outbox">Outbox</a><a href="/admin/templates">Templates</a>
<span>${esc(s.displayName)} (${esc(s.role)})</span></nav>`

const banner = (error?: string) => (error ? `<p class="error" role="alert">${esc(error)}</p>` : '')
const csrfField = (csrf: string) => `<input type="hidden" name="_csrf" value="${esc(csrf)}">`
const when = (iso: string | null) => (iso ? esc(iso.slice(0, 16).replace('T', ' ')) : '')

/** Wraps a console page. */
export function consolePage(staff: StaffMember, title: string, body: string, error?: string): string {
  return page({ lang: 'en', title, nav: nav(staff), body: banner(error) + body, scripts: ['/admin/assets/console.js'] })
}

export function loginPage(next: string, error?: string): string {
  return page({ lang: 'en', title: 'Staff console', body: `${banner(error)}<form method="post" action="/admin/login">
<input type="hidden" name="next" value="${esc(next)}">
<label for="username">Username</label><input type="text" id="username" name="username" autocomplete="username">
<label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password">
<p><button type="submit">Log in</button></p></form>` })
}

export function queuePage(staff: StaffMember, q: { status?: string; search?: string }, items: Application[], total: number, error?: string): string {
  const rows = items.map((a) => `<tr><td><a href="/admin/applications/${a.id}">#${a.id}</a></td><td>${esc(a.organisation)}</td><td>${esc(a.slug)}</td>
<td class="status">${esc(a.status)}</td><td>${esc(a.contactEmail)}</td><td>${when(a.createdAt)}</td></tr>`).join('')
  const statusOptions = ['', ...APPLICATION_STATUSES].map((s) => `<option value="${s}"${q.status === s ? ' selected' : ''}>${s || 'all statuses'}</option>`).join('')
  return consolePage(staff, 'Applications', `<form method="get" action="/admin/"><select name="status">${statusOptions}</select>
<input type="text" name="search" value="${esc(q.search ?? '')}" placeholder="organisation, name, e-mail" style="width:20rem"> <button>Filter</button></form>
<p>${total} application(s)</p><table><thead><tr><th>#</th><th>Organisation</th><th>Space</th><th>Status</th><th>Contact</th><th>Received</th></tr></thead><tbody>${rows}</tbody></table>`, error)
}

function facts(a: Application): string {
  const rows: [string, string][] = [
    ['Organisation', a.organisation], ['Space name', a.slug], ['Structure', STRUCTURE_TYPES[a.structureType]?.en ?? a.structureType],
    ['Sectors', a.sectors.map((s) => SECTORS[s]?.en ?? s).join(', ')], ['Purpose', a.purpose], ['Founded', String(a.yearFounded)],
    ['Employees', String(a.employees)], ['Members', String(a.members)], ['Beneficiaries', String(a.beneficiaries)],
    ['Budget', BUDGET_BANDS[a.budgetBand]?.en ?? a.budgetBand], ['Contact', `${a.contactName} <${a.contactEmail}>`], ['Language', a.language],
    ['Received', when(a.createdAt)], ['Confirmed', when(a.confirmedAt)],
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

/** One application: facts, hints, conversation, notes, decisions and live provisioning progress. */
export function detailPage(staff: StaffMember, csrf: string, v: DetailView, error?: string): string {
  const a = v.application
  const act = (path: string, inner: string) => `<form method="post" action="/admin/applications/${a.id}/${path}">${csrfField(csrf)}${inner}</form>`
  const reviewable = a.status === 'pending' || a.status === 'info_requested'
  const decisions = reviewable ? `<h2>Decision</h2>
${act('approve', '<button type="submit" name="approve">Approve</button>')}
${act('reject', `<label for="template">Reject with a reason</label><select id="template" name="template"><option value="">(no template)</option>${v.templates.map((t) => `<option value="${esc(t.code)}">${esc(t.title.en)}</option>`).join('')}</select>
<textarea name="reason" rows="3" placeholder="Additional words (in the applicant's language)"></textarea><button type="submit">Reject</button>`)}
${act('ask', '<label for="question">Ask for more information</label><textarea id="question" name="question" rows="3"></textarea><button type="submit">Send question</button>')}` : ''
  const progress = ['approved', 'provisioning', 'ready', 'failed'].includes(a.status) ? `<h2>Provisioning</h2>
<p><progress id="progress" max="100" value="${a.status === 'ready' ? 100 : 0}" data-poll="/admin/applications/${a.id}/progress.json"></progress> <span id="progress-step">${esc(a.status)}</span></p>
${a.lastError ? `<p class="error">Last error: ${esc(a.lastError)}</p>` : ''}
${a.status === 'failed' ? act('retry', '<button type="submit">Retry</button>') : ''}${a.status === 'ready' ? `<p><a href="/s/${esc(a.slug)}/">Open the space</a></p>` : ''}` : ''
  const body = `<p class="status">Status: <span id="app-status">${esc(a.status)}</span>${a.rejectReason ? ` — ${esc(a.rejectReason)}` : ''}</p>
${v.hints.length ? `<h2>Hints</h2><ul>${v.hints.map((h) => `<li class="error" data-hint="${esc(h.code)}">${esc(h.message)}</li>`).join('')}</ul>` : '<p>No eligibility hint.</p>'}
${facts(a)}${decisions}${progress}
<h2>Conversation with the applicant</h2><ul>${v.messages.map((m) => `<li><strong>${m.author}</strong> ${when(m.createdAt)}: ${esc(m.body)}</li>`).join('') || '<li>None.</li>'}</ul>
<h2>Internal notes</h2><ul>${v.notes.map((n) => `<li><strong>${esc(n.staffName)}</strong> ${when(n.createdAt)}: ${esc(n.body)}</li>`).join('') || '<li>None.</li>'}</ul>
${act('note', '<label for="note">Add a note</label><textarea id="note" name="note" rows="2"></textarea><button type="submit">Add note</button>')}
<h2>History</h2>${auditTable(v.audit)}`
  return consolePage(staff, `Application #${a.id} — ${a.organisation}`, body, error)
}

export function auditTable(entries: AuditEntry[]): string {
  return `<table><thead><tr><th>When</th><th>Who</th><th>What</th><th>On</th><th>Detail</th></tr></thead><tbody>${entries.map((e) =>
    `<tr><td>${when(e.at)}</td><td>${esc(e.actor)}</td><td>${esc(e.action)}</td><td>${esc(e.target)}</td><td>${esc(JSON.stringify(e.detail))}</td></tr>`).join('')}</tbody></table>`
}

export function spacesPage(staff: StaffMember, csrf: string, spaces: { slug: string; name: string; status: string; maxAccounts: number; quotaBytes: number }[], closing: ClosingRequest[], error?: string): string {
  const btn = (slug: string, action: string, label: string) =>
    `<form method="post" action="/admin/spaces/${esc(slug)}/${action}" style="display:inline">${csrfField(csrf)}<button type="submit">${label}</button></form>`
  const rows = spaces.map((s) => `<tr><td><a href="/s/${esc(s.slug)}/">${esc(s.slug)}</a></td><td>${esc(s.name)}</td><td class="status">${esc(s.status)}</td>
<td>${s.maxAccounts}</td><td>${Math.round(s.quotaBytes / 1024 ** 3)} GB</td><td>${s.status === 'active' ? btn(s.slug, 'suspend', 'Suspend') : ''}${s.status === 'suspended' ? btn(s.slug, 'resume', 'Resume') : ''}
${s.status === 'deleted' ? btn(s.slug, 'restore', 'Restore') : btn(s.slug, 'delete', 'Delete (30-day grace)')}</td></tr>`).join('')
  return consolePage(staff, 'Spaces', `${closing.length ? `<h2>Closing requests</h2><ul>${closing.map((c) => `<li>${esc(c.slug)} by ${esc(c.requestedBy)} (${when(c.createdAt)}): ${esc(c.reason)}</li>`).join('')}</ul>` : ''}
<table><thead><tr><th>Space</th><th>Name</th><th>Status</th><th>Accounts</th><th>Quota</th><th></th></tr></thead><tbody>${rows}</tbody></table>`, error)
}

export function outboxPage(staff: StaffMember, mails: { id: number; key: string; to: string; subject: string; text: string; createdAt: string }[]): string {
  return consolePage(staff, 'Outbox', `<p>Mail kept here because no SMTP_URL is set.</p>${mails.map((m) => `<article><h3>${esc(m.subject)}</h3>
<p>To ${esc(m.to)} — ${when(m.createdAt)} — <code>${esc(m.key)}</code></p><pre style="white-space:pre-wrap">${esc(m.text)}</pre></article>`).join('') || '<p>Empty.</p>'}`)
}

function bars(title: string, data: Record<string, number>, labels?: Record<string, { en: string }>): string {
  const max = Math.max(1, ...Object.values(data))
  return `<h2>${esc(title)}</h2><table>${Object.entries(data).map(([k, n]) => `<tr><th style="width:14rem">${esc(labels?.[k]?.en ?? k)}</th>
<td><div style="background:#2f6f5e;height:1em;width:${Math.round((n / max) * 100)}%" aria-hidden="true"></div></td><td style="width:3rem">${n}</td></tr>`).join('')}</table>`
}

export function statsPage(staff: StaffMember, s: FleetStatsView): string {
  const months = Object.fromEntries(s.applicationsByMonth.map((m) => [m.month, m.approved + m.rejected + m.pending]))
  return consolePage(staff, 'Fleet statistics', `<p><a href="/api/v1/stats">As JSON</a> — ${s.spaces.total} space(s)</p>
${bars('Spaces by status', s.spaces.byStatus)}${bars('By structure type', s.byStructureType, STRUCTURE_TYPES)}${bars('By sector', s.bySector, SECTORS)}
${bars('By year founded', s.byYearFounded)}${bars('By employees', s.byEmployees)}${bars('By members', s.byMembers)}${bars('By beneficiaries', s.byBeneficiaries)}
${bars('By budget band', s.byBudgetBand, BUDGET_BANDS)}${bars('Applications per month', months)}`)
}

export function templatesPage(staff: StaffMember, csrf: string, templates: RejectTemplate[], error?: string): string {
  const form = (t: Partial<RejectTemplate>) => `<form method="post" action="/admin/templates">${csrfField(csrf)}
<label>Code <input type="text" name="code" value="${esc(t.code ?? '')}"${t.code ? ' readonly' : ''}></label>
<label>Title (EN) <input type="text" name="titleEn" value="${esc(t.title?.en ?? '')}"></label><label>Titre (FR) <input type="text" name="titleFr" value="${esc(t.title?.fr ?? '')}"></label>
<label>Text (EN) <textarea name="bodyEn" rows="3">${esc(t.body?.en ?? '')}</textarea></label><label>Texte (FR) <textarea name="bodyFr" rows="3">${esc(t.body?.fr ?? '')}</textarea></label>
<button type="submit">Save</button></form>`
  return consolePage(staff, 'Reject templates', templates.map(form).join('<hr>') + '<h2>New template</h2>' + form({}), error)
}
