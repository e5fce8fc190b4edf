import type { Occurrence } from '../../domain/model.ts'
import type { Language } from '../../registrations/model.ts'
import { formatRange, safeZone } from '../dates.ts'
import { escapeHtml } from '../html.ts'
import { stringsFor } from '../i18n.ts'

/** One occurrence as a card of a list (mini-site, widget). */
export function occurrenceCard(o: Occurrence, href: string, lang: Language, defaultZone: string, opts: { target?: string } = {}): string {
  const s = stringsFor(lang)
  const zone = safeZone(o.event.timezone, defaultZone)
  const cancelled = o.event.status === 'cancelled' || o.status === 'cancelled'
  const target = opts.target ? ` target="${escapeHtml(opts.target)}" rel="noopener"` : ''
  return `<article class="card"${cancelled ? ' data-status="cancelled"' : ''}>
<h3><a href="${escapeHtml(href)}"${target}>${escapeHtml(o.event.title)}</a></h3>
${cancelled ? `<p><span class="badge cancelled">${escapeHtml(s.cancelled)}</span></p>` : ''}
<p class="muted"><time datetime="${escapeHtml(o.start)}">${escapeHtml(formatRange(o.start, o.end, zone, lang, o.event.allDay))}</time>${o.event.address ? `<br>${escapeHtml(o.event.address)}` : ''}</p>
${o.event.tags.length ? `<p>${o.event.tags.map((t) => `<span class="badge">${escapeHtml(t)}</span>`).join('')}</p>` : ''}
</article>`
}

/** The body of the mini-site: presentation, upcoming events, past events, feed links. */
export function siteBody(input: {
  lang: Language
  siteName: string
  presentationHtml: string
  upcoming: Occurrence[]
  past: Occurrence[]
  eventHref: (o: Occurrence) => string
  feeds: { ics: string; webcal: string; rss: string; atom: string; json: string }
  defaultZone: string
}): string {
  const s = stringsFor(input.lang)
  const list = (items: Occurrence[], empty: string) =>
    items.length ? items.map((o) => occurrenceCard(o, input.eventHref(o), input.lang, input.defaultZone)).join('\n') : `<p class="muted">${escapeHtml(empty)}</p>`
  // presentationHtml is sanitised by the events core when the admins save it (EventsReader.site).
  return `<h1>${escapeHtml(input.siteName)}</h1>
<section class="presentation">${input.presentationHtml}</section>
<h2 id="upcoming">${escapeHtml(s.upcoming)}</h2>
${list(input.upcoming, s.noUpcoming)}
<h2 id="past">${escapeHtml(s.past)}</h2>
${list(input.past, s.noPast)}
<h2>${escapeHtml(s.feeds)}</h2>
<ul class="links"><li><a href="${escapeHtml(input.feeds.webcal)}">${escapeHtml(s.subscribe)}</a> (<a href="${escapeHtml(input.feeds.ics)}">.ics</a>)</li>
<li><a href="${escapeHtml(input.feeds.rss)}">RSS</a> · <a href="${escapeHtml(input.feeds.atom)}">Atom</a> · <a href="${escapeHtml(input.feeds.json)}">JSON Feed</a></li></ul>`
}
