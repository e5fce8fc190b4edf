import { XMLParser } from 'fast-xml-parser'

/** One `DAV:response` of a multistatus, reduced to what CalDAV clients use. */
export interface DavResponse {
  /** The href as sent (path, percent-encoded). */
  href: string
  /** HTTP status of the response or of its first propstat. */
  status: number
  etag: string | null
  /** `CALDAV:calendar-data`, when asked for and present. */
  calendarData: string | null
}

export interface Multistatus {
  responses: DavResponse[]
  syncToken: string | null
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  // Servers escape the CR of iCalendar's CRLF as &#13;, a numeric reference the parser decodes only with this.
  htmlEntities: true,
  isArray: (name) => name === 'response' || name === 'propstat' || name === 'href',
})

type Node = Record<string, unknown>

const asText = (v: unknown): string | null => (typeof v === 'string' ? v : v == null ? null : typeof v === 'object' && '#text' in (v as Node) ? String((v as Node)['#text']) : null)

function statusCode(line: string | null): number {
  const m = line ? /HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(line) : null
  return m ? Number(m[1]) : 200
}

function responseOf(node: Node): DavResponse {
  const href = asText((node.href as unknown[] | undefined)?.[0])?.trim() ?? ''
  const propstats = (node.propstat as Node[] | undefined) ?? []
  const ok = propstats.find((p) => statusCode(asText(p.status)) < 300)
  const prop = (ok?.prop ?? {}) as Node
  const ownStatus = asText(node.status)
  return {
    href,
    status: ownStatus ? statusCode(ownStatus) : statusCode(asText(propstats[0]?.status)),
    etag: asText(prop.getetag)?.trim() || null,
    calendarData: asText(prop['calendar-data']),
  }
}

/** Parses an RFC 4918 multistatus body (with RFC 6578 sync-token). */
export function parseMultistatus(xml: string): Multistatus {
  const doc = parser.parse(xml) as Node
  const ms = (doc.multistatus ?? {}) as Node
  const responses = ((ms.response as Node[] | undefined) ?? []).map(responseOf)
  return { responses, syncToken: asText(ms['sync-token'])?.trim() || null }
}

/** Escapes text for an XML element body. */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
