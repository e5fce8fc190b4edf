import type { EventRecord, Occurrence, SignUpQuestion } from '../../domain/model.ts'
import type { Language, Registration, RegistrationCounts } from '../../registrations/model.ts'
import { formatWhen, safeZone } from '../dates.ts'
import { escapeHtml, safeUrl } from '../html.ts'
import { stringsFor, type Strings } from '../i18n.ts'

export interface SignUpState {
  event: EventRecord
  occurrence: Occurrence
  occurrences: Occurrence[]
  counts: RegistrationCounts
  now: Date
  lang: Language
  actionPath: string
  defaultZone: string
  /** The logged-in member, with their sign-up to this occurrence if any. */
  member: { displayName: string; registration: Registration | null } | null
}

function question(q: SignUpQuestion, s: Strings): string {
  const id = `q-${q.id}`
  const name = `answers[${q.id}]`
  const req = q.required ? ' required' : ''
  const label = `${escapeHtml(q.label)}${q.required ? ` <span class="muted">(${escapeHtml(s.required)})</span>` : ''}`
  switch (q.type) {
    case 'longtext':
      return `<label for="${escapeHtml(id)}">${label}</label><textarea id="${escapeHtml(id)}" name="${escapeHtml(name)}" rows="4" maxlength="5000"${req}></textarea>`
    case 'choice':
      return `<label for="${escapeHtml(id)}">${label}</label><select id="${escapeHtml(id)}" name="${escapeHtml(name)}"${req}><option value=""></option>${(q.choices ?? []).map((c) => `<option>${escapeHtml(c)}</option>`).join('')}</select>`
    case 'checkbox':
      return `<label><input type="checkbox" name="${escapeHtml(name)}" value="on"${req}> ${label}</label>`
    default:
      return `<label for="${escapeHtml(id)}">${label}</label><input type="text" id="${escapeHtml(id)}" name="${escapeHtml(name)}" maxlength="500"${req}>`
  }
}

function seatsLine(st: SignUpState, s: Strings): string {
  if (st.event.capacity === null) return ''
  const left = Math.max(0, st.event.capacity - st.counts.confirmed)
  return left > 0 ? `<p data-seats-left="${left}">${escapeHtml(s.seatsLeft(left))}</p>` : `<p data-seats-left="0" data-waiting="${st.counts.waiting}">${escapeHtml(s.full(st.counts.waiting))}</p>`
}

/** The sign-up section of an event page: closed, external link, the member's one click or the public form. */
export function signUpSection(st: SignUpState): string {
  const s = stringsFor(st.lang)
  const { event, occurrence } = st
  if (event.joinMode === 'none') return ''
  const head = `<h2 id="signup">${escapeHtml(s.signUp)}</h2>`
  if (event.joinMode === 'external') {
    const url = safeUrl(event.externalUrl)
    return url ? `${head}<p><a href="${escapeHtml(url)}" rel="noopener">${escapeHtml(s.external)}</a></p>` : ''
  }
  if (event.status === 'cancelled' || occurrence.status === 'cancelled') return `${head}<p class="cancelled">${escapeHtml(s.signUpCancelled)}</p>`
  if (Date.parse(occurrence.start) <= st.now.getTime()) return `${head}<p class="muted">${escapeHtml(s.signUpClosedPast)}</p>`
  const full = event.capacity !== null && st.counts.confirmed >= event.capacity
  const button = `<button type="submit">${escapeHtml(full ? s.joinWaiting : s.submit)}</button>`
  const zone = safeZone(event.timezone, st.defaultZone)
  const choices = st.occurrences.filter((o) => o.status !== 'cancelled' && Date.parse(o.start) > st.now.getTime())
  const occurrenceField = choices.length > 1
    ? `<label for="occurrence">${escapeHtml(s.occurrence)}</label><select id="occurrence" name="occurrence">${choices.map((o) => `<option value="${escapeHtml(o.start)}"${o.start === occurrence.start ? ' selected' : ''}>${escapeHtml(formatWhen(o.start, zone, st.lang, event.allDay))}</option>`).join('')}</select>`
    : `<input type="hidden" name="occurrence" value="${escapeHtml(occurrence.start)}">`
  const approval = event.joinMode === 'approval' ? `<p class="muted">${escapeHtml(s.approval)}</p>` : ''
  const fields = event.questions.map((q) => question(q, s)).join('\n')
  if (st.member?.registration) {
    return `${head}${seatsLine(st, s)}<p class="notice" data-registration-status="${escapeHtml(st.member.registration.status)}">${escapeHtml(s.yourStatus)}${escapeHtml(s.colon)}${escapeHtml(s.status[st.member.registration.status])}</p>`
  }
  const identity = st.member
    ? ''
    : `<label for="name">${escapeHtml(s.name)}</label><input type="text" id="name" name="name" required maxlength="200" autocomplete="name">
<label for="email">${escapeHtml(s.email)}</label><input type="email" id="email" name="email" required maxlength="254" autocomplete="email">`
  const submit = st.member ? `<button type="submit">${escapeHtml(s.memberSignUp(st.member.displayName))}</button>` : button
  return `${head}${seatsLine(st, s)}${approval}
<form method="post" action="${escapeHtml(st.actionPath)}" class="signup">
<input type="hidden" name="lang" value="${st.lang}">
${occurrenceField}
${identity}
${fields}
<div class="hp" aria-hidden="true"><label for="website">Website</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
${submit}
</form>`
}
