import { XMLParser } from 'fast-xml-parser'
import { ValidationError } from '@maison/errors'

/**
 * A small SVG document model. Attribute values and text are kept in their escaped XML
 * form, exactly as read, so serialising never double-escapes; values we create go through `escapeXml`.
 */
export type SvgNode = SvgElement | SvgText
export interface SvgElement {
  kind: 'element'
  name: string
  attrs: Record<string, string>
  children: SvgNode[]
}
export interface SvgText {
  kind: 'text'
  /** Escaped text, or raw CDATA content when `cdata` is set. */
  value: string
  cdata?: boolean
}

type Ordered = Record<string, unknown>

// Entities stay unexpanded: the sanitizer refuses DOCTYPE before this parser runs, and
// keeping `&amp;` verbatim lets the serializer write values back untouched.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  commentPropName: '#comment',
  cdataPropName: '#cdata',
  allowBooleanAttributes: true,
})

/**
 * Parses SVG markup into a tree rooted at the `<svg>` element; comments and the XML declaration are dropped.
 * @throws ValidationError when the markup is not well-formed XML or has no `<svg>` root
 */
export function parseSvg(markup: string): SvgElement {
  let doc: Ordered[]
  try {
    doc = parser.parse(markup, true) as Ordered[]
  } catch (err) {
    throw new ValidationError(`The SVG is not well-formed XML: ${(err as Error).message}`, { cause: err })
  }
  const roots = doc.map(convert).filter((n): n is SvgElement => n?.kind === 'element')
  const root = roots[0]
  if (!root || roots.length !== 1 || root.name !== 'svg') {
    throw new ValidationError('The file must contain exactly one <svg> root element.')
  }
  return root
}

function convert(node: Ordered): SvgNode | null {
  const name = Object.keys(node).find((k) => k !== ':@')
  if (!name || name === '#comment' || name.startsWith('?')) return null
  const body = node[name] as Ordered[] | string
  if (name === '#text') return { kind: 'text', value: String(body) }
  if (name === '#cdata') {
    const inner = (body as Ordered[]).map((t) => String(t['#text'] ?? '')).join('')
    return { kind: 'text', value: inner, cdata: true }
  }
  const attrs: Record<string, string> = {}
  for (const [k, v] of Object.entries((node[':@'] as Record<string, unknown>) ?? {})) attrs[k] = v === true ? '' : String(v)
  const children = (Array.isArray(body) ? body : []).map(convert).filter((n): n is SvgNode => n !== null)
  return { kind: 'element', name, attrs, children }
}

/** Serialises a tree back to markup. */
export function serializeSvg(node: SvgNode): string {
  if (node.kind === 'text') return node.cdata ? `<![CDATA[${node.value}]]>` : node.value
  const attrs = Object.entries(node.attrs).map(([k, v]) => ` ${k}="${v.replace(/"/g, '&quot;')}"`).join('')
  if (node.children.length === 0) return `<${node.name}${attrs}/>`
  return `<${node.name}${attrs}>${node.children.map(serializeSvg).join('')}</${node.name}>`
}

/** Escapes a value we produce for use as XML text or attribute content. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** Decodes the five XML entities and numeric references of a value read from the tree. */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const k = e.toLowerCase()
    if (k.startsWith('#x')) return String.fromCodePoint(parseInt(k.slice(2), 16))
    if (k.startsWith('#')) return String.fromCodePoint(parseInt(k.slice(1), 10))
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[k]!
  })
}

/** Visits every element depth-first, parents before children. */
export function walk(node: SvgElement, visit: (el: SvgElement, parent: SvgElement | null) => void, parent: SvgElement | null = null): void {
  visit(node, parent)
  for (const c of node.children) if (c.kind === 'element') walk(c, visit, node)
}

/** The concatenated text content of an element, unescaped. */
export function textContent(el: SvgElement): string {
  return el.children.map((c) => (c.kind === 'text' ? (c.cdata ? c.value : unescapeXml(c.value)) : textContent(c))).join('')
}

/** A deep copy, so rendering never mutates a shared template tree. */
export function cloneTree<T extends SvgNode>(node: T): T {
  return structuredClone(node)
}
