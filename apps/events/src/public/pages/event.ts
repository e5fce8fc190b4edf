import type { Language } from '../../registrations/model.ts'
import { formatRange, formatWhen, safeZone } from '../dates.ts'
import { escapeHtml, safeUrl } from '../html.ts'
import { stringsFor } from '../i18n.ts'
import { mapUrl, shareLinks, webcal } from '../links.ts'
import { signUpSection, type SignUpState } from './signup-form.ts'

export interface EventPageInput extends SignUpState {
  url: string
  icsUrl: string
  /** A message shown above everything (after a sign-up, say), already chosen by the caller. */
  flash?: { kind: 'notice' | 'error'; text: string; errors?: { path: string; message: string }[] } | null
  occurrenceHref: (start: string) => string
}

/** The body of an event page: details, map, calendar and share links, accessibility, sign-up. */
export function eventBody(p: EventPageInput): string {
  const s = stringsFor(p.lang as Language)
  const { event, occurrence } = p
  const zone = safeZone(event.timezone, p.defaultZone)
  const cancelled = event.status === 'cancelled' || occurrence.status === 'cancelled'
  const online = safeUrl(event.onlineUrl)
  const picture = safeUrl(event.pictureUrl)
  const flash = p.flash
    ? `<div class="${p.flash.kind}" role="status">${escapeHtml(p.flash.text)}${p.flash.errors?.length ? `<ul>${p.flash.errors.map((e) => `<li>${escapeHtml(e.path)}${escapeHtml(s.colon)}${escapeHtml(e.message)}</li>`).join('')}</ul>` : ''}</div>`
    : ''
  const where = [
    event.address ? `${escapeHtml(event.address)} — <a href="${escapeHtml(mapUrl(event.address))}" rel="noopener">${escapeHtml(s.map)}</a>` : '',
    online ? `${escapeHtml(s.online)}${escapeHtml(s.colon)}<a href="${escapeHtml(online)}" rel="noopener">${escapeHtml(online)}</a>` : '',
  ].filter(Boolean).join('<br>')
  const others = p.occurrences.filter((o) => o.start !== occurrence.start)
  return `${flash}
<article class="event" data-status="${cancelled ? 'cancelled' : event.status}">
<h1>${escapeHtml(event.title)}</h1>
${cancelled ? `<p class="cancelled">${escapeHtml(s.cancelledBanner)}</p>` : ''}
${picture ? `<img class="picture" src="${escapeHtml(picture)}" alt="">` : ''}
<dl>
<dt>${escapeHtml(s.when)}</dt><dd><time datetime="${escapeHtml(occurrence.start)}">${escapeHtml(formatRange(occurrence.start, occurrence.end, zone, p.lang, event.allDay))}</time></dd>
${where ? `<dt>${escapeHtml(s.where)}</dt><dd>${where}</dd>` : ''}
${event.tags.length ? `<dt>${escapeHtml(s.tags)}</dt><dd>${event.tags.map((t) => `<span class="badge">${escapeHtml(t)}</span>`).join('')}</dd>` : ''}
${event.organiserContact ? `<dt>${escapeHtml(s.contact)}</dt><dd>${escapeHtml(event.organiserContact)}</dd>` : ''}
</dl>
${others.length ? `<p>${escapeHtml(s.moreDates)}${escapeHtml(s.colon)}${others.map((o) => `<a href="${escapeHtml(p.occurrenceHref(o.start))}">${escapeHtml(formatWhen(o.start, zone, p.lang, event.allDay))}</a>`).join(' · ')}</p>` : ''}
<section class="description">${event.descriptionHtml}</section>
${event.accessibility ? `<h2>${escapeHtml(s.accessibility)}</h2><p class="accessibility">${escapeHtml(event.accessibility)}</p>` : ''}
<p><a href="${escapeHtml(p.icsUrl)}" download>${escapeHtml(s.addToCalendar)}</a> · <a href="${escapeHtml(webcal(p.icsUrl))}">webcal</a></p>
<h2>${escapeHtml(s.share)}</h2>
<ul class="links">${shareLinks(event, p.url).map((l) => `<li><a href="${escapeHtml(l.href)}" rel="noopener">${escapeHtml(l.label)}</a></li>`).join('')}</ul>
${signUpSection(p)}
</article>`
}
