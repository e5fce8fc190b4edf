import type { XmlElement, XmlNode } from './tree.ts'
import { fromClark } from './tree.ts'
import { escapeLongText } from './escape-long.ts'

const NEEDS_ESCAPE = /[&<>\r]/
const MARKUP = /[&<>]/
const ESCAPES = /[&<>\r]/g
// Below this, the string paths allocate little and skip the buffer round trip.
const LONG_TEXT = 256
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' }

/** Escapes character data for element content. */
export function escapeText(s: string): string {
  // Most values (etags, dates, sizes, hrefs) need nothing; testing first spares building a copy.
  if (!NEEDS_ESCAPE.test(s)) return s
  if (s.length >= LONG_TEXT) {
    const escaped = escapeLongText(s)
    if (escaped !== null) return escaped
  }
  // iCalendar and vCard text has a CR on every line and rarely markup: one copy, no callback per line.
  if (!MARKUP.test(s)) return s.replaceAll('\r', '&#13;')
  return s.replace(ESCAPES, (c) => ENTITY[c]!)
}

/** Escapes an attribute value (double-quoted). */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;')
}

/**
 * Serialises element content so that it stands alone: every element declares its own default
 * namespace, so a stored dead property reads back the same wherever it is embedded.
 */
export function serializeFragment(nodes: readonly XmlNode[]): string {
  return nodes.map((n) => (typeof n === 'string' ? escapeText(n) : serializeElement(n))).join('')
}

function serializeElement(el: XmlElement): string {
  const decls = [`xmlns="${escapeAttr(el.ns)}"`]
  const attrs: string[] = []
  let i = 0
  for (const a of el.attrs) {
    if (a.ns === '') attrs.push(`${a.local}="${escapeAttr(a.value)}"`)
    else if (a.ns === 'http://www.w3.org/XML/1998/namespace') attrs.push(`xml:${a.local}="${escapeAttr(a.value)}"`)
    else {
      const p = `a${i++}`
      decls.push(`xmlns:${p}="${escapeAttr(a.ns)}"`)
      attrs.push(`${p}:${a.local}="${escapeAttr(a.value)}"`)
    }
  }
  const open = [el.local, ...decls, ...attrs].join(' ')
  if (el.children.length === 0) return `<${open}/>`
  return `<${open}>${serializeFragment(el.children)}</${el.local}>`
}

/** Prefixes declared once on every multistatus root; other namespaces get one declared per element. */
export const KNOWN_PREFIXES: Record<string, string> = {
  'DAV:': 'd',
  'http://owncloud.org/ns': 'oc',
  'http://nextcloud.org/ns': 'nc',
  'http://sabredav.org/ns': 's',
}

/** The `xmlns:` attributes for the known prefixes. */
export const ROOT_DECLS = Object.entries(KNOWN_PREFIXES)
  .map(([ns, p]) => `xmlns:${p}="${ns}"`)
  .join(' ')

/** The pieces of one property element, computed once per name and reused for every resource. */
export interface PropTag {
  /** `<d:getetag>` (with a namespace declaration when the namespace has no known prefix). */
  open: string
  close: string
  /** `<d:getetag/>`, for name-only answers and empty values. */
  empty: string
}

/** Splits a property (Clark name) into its element's pieces. */
export function propTag(name: string): PropTag {
  const { ns, local } = fromClark(name)
  const known = KNOWN_PREFIXES[ns]
  let tag: string
  let decl = ''
  if (known) tag = `${known}:${local}`
  else if (ns === '') tag = local
  else {
    tag = `x:${local}`
    decl = ` xmlns:x="${escapeAttr(ns)}"`
  }
  return { open: `<${tag}${decl}>`, close: `</${tag}>`, empty: `<${tag}${decl}/>` }
}

/** Writes one property element (Clark name) with an already serialised value. */
export function propElement(name: string, value: string | null): string {
  const t = propTag(name)
  return value === null || value === '' ? t.empty : t.open + value + t.close
}

const RFC3986_RESERVED = /[!'()*]/g

/** Percent-encodes one path segment for an href (RFC 3986: also !'()*). */
export function encodeSegment(segment: string): string {
  const e = encodeURIComponent(segment)
  return e.includes('!') || e.includes("'") || e.includes('(') || e.includes(')') || e.includes('*')
    ? e.replace(RFC3986_RESERVED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    : e
}

/** Percent-encodes each path segment for an href. */
export function encodeHref(base: string, segments: readonly string[], collection: boolean): string {
  const path = segments.map(encodeSegment).join('/')
  const joined = segments.length ? `${base}/${path}` : base
  return collection ? `${joined}/` : joined
}
