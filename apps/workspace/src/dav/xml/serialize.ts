import type { XmlElement, XmlNode } from './tree.ts'
import { fromClark } from './tree.ts'

/** Escapes character data for element content. */
export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;')
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

/** Writes one property element (Clark name) with an already serialised value. */
export function propElement(name: string, value: string | null): string {
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
  if (value === null || value === '') return `<${tag}${decl}/>`
  return `<${tag}${decl}>${value}</${tag}>`
}

/** Percent-encodes each path segment for an href. */
export function encodeHref(base: string, segments: readonly string[], collection: boolean): string {
  const path = segments.map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/')
  const joined = segments.length ? `${base}/${path}` : base
  return collection ? `${joined}/` : joined
}
