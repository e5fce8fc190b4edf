import type { Occurrence } from '../../domain/model.ts'
import type { Language } from '../../registrations/model.ts'
import { formatRange, safeZone } from '../dates.ts'
import { escapeXml } from '../html.ts'

export interface FeedInput {
  title: string
  description: string
  lang: Language
  /** The mini-site (channel link). */
  siteUrl: string
  /** This feed's own URL. */
  selfUrl: string
  occurrences: Occurrence[]
  eventUrl: (o: Occurrence) => string
  defaultZone: string
  updated: Date
}

interface Item {
  id: string
  title: string
  url: string
  summary: string
  updated: string
  tags: string[]
}

function items(input: FeedInput): Item[] {
  return input.occurrences.map((o) => {
    const e = o.event
    const cancelled = e.status === 'cancelled' || o.status === 'cancelled'
    const when = formatRange(o.start, o.end, safeZone(e.timezone, input.defaultZone), input.lang, e.allDay)
    const prefix = cancelled ? (input.lang === 'fr' ? '[Annulé] ' : '[Cancelled] ') : ''
    return {
      id: `${input.siteUrl}#${e.uid}_${o.start}`,
      title: `${prefix}${e.title}`,
      url: input.eventUrl(o),
      summary: [when, e.address, e.descriptionText].filter(Boolean).join('\n\n'),
      updated: new Date(e.updatedAt).toISOString(),
      tags: e.tags,
    }
  })
}

/** RSS 2.0 (channel title/link/description required; one item per occurrence). */
export function rssFeed(input: FeedInput): string {
  const body = items(input)
    .map((i) => `<item><title>${escapeXml(i.title)}</title><link>${escapeXml(i.url)}</link><guid isPermaLink="false">${escapeXml(i.id)}</guid>` +
      `<pubDate>${new Date(i.updated).toUTCString()}</pubDate><description>${escapeXml(i.summary)}</description>` +
      `${i.tags.map((t) => `<category>${escapeXml(t)}</category>`).join('')}</item>`)
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>${escapeXml(input.title)}</title><link>${escapeXml(input.siteUrl)}</link><description>${escapeXml(input.description)}</description>
<language>${input.lang}</language><lastBuildDate>${input.updated.toUTCString()}</lastBuildDate>
<atom:link href="${escapeXml(input.selfUrl)}" rel="self" type="application/rss+xml"/>
${body}
</channel></rss>`
}

/** Atom 1.0 (feed id/title/updated, entry id/title/updated required). */
export function atomFeed(input: FeedInput): string {
  const body = items(input)
    .map((i) => `<entry><id>${escapeXml(i.id)}</id><title>${escapeXml(i.title)}</title><updated>${i.updated}</updated>` +
      `<link rel="alternate" type="text/html" href="${escapeXml(i.url)}"/><summary>${escapeXml(i.summary)}</summary>` +
      `${i.tags.map((t) => `<category term="${escapeXml(t)}"/>`).join('')}</entry>`)
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${input.lang}">
<id>${escapeXml(input.selfUrl)}</id><title>${escapeXml(input.title)}</title><subtitle>${escapeXml(input.description)}</subtitle>
<updated>${input.updated.toISOString()}</updated><author><name>${escapeXml(input.title)}</name></author>
<link rel="self" type="application/atom+xml" href="${escapeXml(input.selfUrl)}"/><link rel="alternate" type="text/html" href="${escapeXml(input.siteUrl)}"/>
${body}
</feed>`
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1), with each occurrence's dates as an extension. */
export function jsonFeed(input: FeedInput): string {
  const list = items(input)
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: input.title,
    home_page_url: input.siteUrl,
    feed_url: input.selfUrl,
    description: input.description,
    language: input.lang,
    items: list.map((i, n) => ({
      id: i.id, url: i.url, title: i.title, content_text: i.summary, date_modified: i.updated, tags: i.tags,
      _event: { start: input.occurrences[n]!.start, end: input.occurrences[n]!.end, status: input.occurrences[n]!.event.status === 'cancelled' ? 'cancelled' : input.occurrences[n]!.status },
    })),
  })
}
