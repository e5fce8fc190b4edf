import type { StaffMember } from '../../domain/ports.ts'
import { esc, page } from '../html.ts'
import { translateMessage } from './messages.ts'
import type { ConsoleTexts } from './texts.ts'

/** What every console page is drawn with: who is looking, in which language, from which URL. */
export interface Ctx {
  staff: StaffMember
  csrf: string
  t: ConsoleTexts
  /** The page's own URL (path and query), for the language switch. */
  url: string
}

export const banner = (error?: string) => (error ? `<p class="error" role="alert">${esc(error)}</p>` : '')
export const csrfField = (csrf: string) => `<input type="hidden" name="_csrf" value="${esc(csrf)}">`
export const when = (iso: string | null) => (iso ? esc(iso.slice(0, 16).replace('T', ' ')) : '')

/** The same page in the other language (dropping a one-off error message). */
export function switchHref(url: string, to: 'en' | 'fr'): string {
  const u = new URL(url, 'http://console.invalid')
  u.searchParams.delete('error')
  u.searchParams.set('lang', to)
  return u.pathname + u.search
}

function nav(c: Ctx): string {
  const n = c.t.nav
  const other = c.t.lang === 'fr' ? 'en' : 'fr'
  return `<nav><a href="/admin/">${esc(n.applications)}</a><a href="/admin/spaces">${esc(n.spaces)}</a><a href="/admin/upgrades">${esc(n.upgrades)}</a>
<a href="/admin/stats">${esc(n.stats)}</a><a href="/admin/audit">${esc(n.audit)}</a><a href="/admin/outbox">${esc(n.outbox)}</a><a href="/admin/templates">${esc(n.templates)}</a>
<span>${esc(c.staff.displayName)} (${esc(c.t.roles[c.staff.role] ?? c.staff.role)})</span>
<a id="lang-switch" href="${esc(switchHref(c.url, other))}" hreflang="${other}" lang="${other}">${esc(c.t.switchTo)}</a>
<form method="post" action="/admin/logout" style="display:inline">${csrfField(c.csrf)}<button type="submit" id="logout">${esc(n.logout)}</button></form></nav>`
}

/** Wraps a console page. */
export function consolePage(c: Ctx, title: string, body: string, error?: string, scripts: string[] = []): string {
  return page({ lang: c.t.lang, title, nav: nav(c), body: banner(error && translateMessage(error, c.t.lang)) + body, scripts: ['/admin/assets/console.js', ...scripts] })
}
