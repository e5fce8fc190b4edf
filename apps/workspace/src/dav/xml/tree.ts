/** A namespace-resolved XML element, as DAV bodies are read and dead properties stored. */
export interface XmlElement {
  ns: string
  local: string
  attrs: XmlAttr[]
  children: XmlNode[]
}

export interface XmlAttr {
  ns: string
  local: string
  value: string
}

export type XmlNode = XmlElement | string

export const DAV_NS = 'DAV:'

/** Clark notation `{ns}local`, the key used for properties everywhere. */
export function clark(ns: string, local: string): string {
  return `{${ns}}${local}`
}

/** Splits a Clark name back into namespace and local name. */
export function fromClark(name: string): { ns: string; local: string } {
  const end = name.indexOf('}')
  return { ns: name.slice(1, end), local: name.slice(end + 1) }
}

/** Child elements only (text and whitespace dropped). */
export function elements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string')
}

/** First child element with this DAV-namespace (or given) name. */
export function child(el: XmlElement, local: string, ns = DAV_NS): XmlElement | undefined {
  return elements(el).find((c) => c.local === local && c.ns === ns)
}

/** Concatenated text content of an element and its descendants. */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('')
}
