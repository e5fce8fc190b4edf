import type { FieldError } from '@maison/errors'
import { BUDGET_BANDS, SECTORS, STRUCTURE_TYPES, type Labels, type Language } from '../../domain/fields.ts'
import type { Application, Message } from '../../domain/ports.ts'
import { esc, page } from '../html.ts'
import { TEXTS } from './texts.ts'

type Values = Record<string, unknown>

function errorFor(errors: FieldError[], name: string): string {
  const e = errors.find((x) => x.path === name || x.path.startsWith(`${name}.`))
  return e ? `<div class="error" id="${name}-error">${esc(e.message)}</div>` : ''
}

function options(labels: Labels, lang: Language, selected: unknown, placeholder: string): string {
  return `<option value="">${esc(placeholder)}</option>` + Object.entries(labels)
    .map(([k, l]) => `<option value="${esc(k)}"${selected === k ? ' selected' : ''}>${esc(l[lang])}</option>`).join('')
}

/** The application form, refilled with what was typed and the errors per field. */
export function applyForm(lang: Language, values: Values = {}, errors: FieldError[] = [], notice = ''): string {
  const t = TEXTS[lang]
  const v = (k: string) => esc(values[k] ?? '')
  const text = (name: string, label: string, type = 'text', extra = '') =>
    `<label for="${name}">${esc(label)}</label><input type="${type}" id="${name}" name="${name}" value="${v(name)}"${extra}>${errorFor(errors, name)}`
  const sectors = new Set([values.sectors ?? []].flat().map(String))
  const body = `<p>${esc(t.intro)}</p><p><a href="/apply?lang=${lang === 'fr' ? 'en' : 'fr'}">${esc(t.switchTo)}</a></p>
${errors.length ? `<p class="error" role="alert">${esc(t.fix)}</p>` : ''}${notice ? `<p class="error" role="alert">${esc(notice)}</p>` : ''}
<form method="post" action="/apply" novalidate>
<input type="hidden" name="lang" value="${lang}">
<div class="hp" aria-hidden="true"><label for="website">Website</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
${text('organisation', t.organisation, 'text', ' required maxlength="200"')}
${text('slug', t.slug, 'text', ' required maxlength="32" autocapitalize="none" data-check="/apply/check"')}<div class="hint" id="slug-hint">${esc(t.slugHint)}</div><div id="slug-live" aria-live="polite"></div>
<label for="structureType">${esc(t.structureType)}</label><select id="structureType" name="structureType">${options(STRUCTURE_TYPES, lang, values.structureType, t.choose)}</select>${errorFor(errors, 'structureType')}
<fieldset><legend>${esc(t.sectors)}</legend>${Object.entries(SECTORS).map(([k, l]) =>
    `<label><input type="checkbox" name="sectors" value="${esc(k)}"${sectors.has(k) ? ' checked' : ''}> ${esc(l[lang])}</label>`).join('')}</fieldset>${errorFor(errors, 'sectors')}
<label for="purpose">${esc(t.purpose)}</label><textarea id="purpose" name="purpose" rows="6" maxlength="5000">${v('purpose')}</textarea>${errorFor(errors, 'purpose')}
${text('yearFounded', t.yearFounded, 'number', ' min="1800"')}
${text('employees', t.employees, 'number', ' min="0"')}
${text('members', t.members, 'number', ' min="0"')}
${text('beneficiaries', t.beneficiaries, 'number', ' min="0"')}
<label for="budgetBand">${esc(t.budgetBand)}</label><select id="budgetBand" name="budgetBand">${options(BUDGET_BANDS, lang, values.budgetBand, t.choose)}</select>${errorFor(errors, 'budgetBand')}
${text('contactName', t.contactName)}
${text('contactEmail', t.contactEmail, 'email')}
<label><input type="checkbox" name="charterAccepted" value="on"${values.charterAccepted ? ' checked' : ''}> ${esc(t.charter)}</label>${errorFor(errors, 'charterAccepted')}
<p><button type="submit">${esc(t.submit)}</button></p></form>`
  return page({ lang, title: t.title, body, scripts: ['/apply/assets/apply.js'] })
}

export function messagePage(lang: Language, title: string, text: string, link?: { href: string; label: string }): string {
  return page({ lang, title, body: `<p>${esc(text)}</p>${link ? `<p><a href="${esc(link.href)}">${esc(link.label)}</a></p>` : ''}` })
}

/** The applicant's status page: where the application stands, the questions and a form to answer. */
export function statusPage(lang: Language, app: Application, messages: Message[], token: string, errors: FieldError[] = []): string {
  const t = TEXTS[lang]
  const thread = messages.map((m) => `<li><strong>${esc(m.author === 'staff' ? t.team : t.you)}</strong> (${esc(m.createdAt.slice(0, 16).replace('T', ' '))}) : ${esc(m.body)}</li>`).join('')
  const body = `<p><strong>${esc(app.organisation)}</strong> — /s/${esc(app.slug)}/</p>
<p class="status" id="status" data-status="${esc(app.status)}">${esc(t.status[app.status] ?? app.status)}</p>
${app.status === 'rejected' && app.rejectReason ? `<p><strong>${esc(t.reason)}</strong> : ${esc(app.rejectReason)}</p>` : ''}
${thread ? `<h2>${esc(t.messages)}</h2><ul>${thread}</ul>` : ''}
${app.status === 'info_requested' ? `<form method="post" action="/apply/status/${esc(token)}/answer"><input type="hidden" name="lang" value="${lang}">
<label for="answer">${esc(t.answer)}</label><textarea id="answer" name="answer" rows="5" maxlength="5000"></textarea>${errorFor(errors, 'answer')}
<button type="submit">${esc(t.sendAnswer)}</button></form>` : ''}`
  return page({ lang, title: t.statusTitle, body })
}
