import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { BadRequest } from '@maison/errors'
import type { XmlAttr, XmlElement, XmlNode } from './tree.ts'

const XML_NS = 'http://www.w3.org/XML/1998/namespace'
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/'

// Entities stay unprocessed by the library; we decode only the five predefined ones and
// character references ourselves, so no DTD can ever expand anything (XXE, billion laughs).
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
  ignoreDeclaration: true,
  ignorePiTags: true,
})

type RawNode = Record<string, unknown> & { ':@'?: Record<string, string> }

/**
 * Parses a DAV request body into a namespace-resolved tree.
 * @throws BadRequest naming the problem when the body is not well-formed or declares a DTD.
 */
export function parseXml(body: Buffer | string): XmlElement {
  let text: string
  if (typeof body === 'string') text = body
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body)
    } catch {
      throw new BadRequest('The XML body is not valid UTF-8.')
    }
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new BadRequest('XML bodies with a DOCTYPE or entity declarations are refused.')
  }
  const valid = XMLValidator.validate(text)
  if (valid !== true) {
    throw new BadRequest(`Malformed XML body: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col}).`)
  }
  const roots = (parser.parse(text) as RawNode[]).filter((n) => !('#text' in n) && !('#comment' in n))
  if (roots.length !== 1) throw new BadRequest('Malformed XML body: expected exactly one root element.')
  return resolve(roots[0]!, new Map([['xml', XML_NS]]))
}

function resolve(raw: RawNode, parentScope: Map<string, string>): XmlElement {
  let tag = ''
  for (const k in raw) {
    if (k !== ':@') {
      tag = k
      break
    }
  }
  const rawAttrs = raw[':@']
  // Most elements declare nothing: they share their parent's scope instead of copying it.
  let scope = parentScope
  for (const name in rawAttrs) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue
    if (scope === parentScope) scope = new Map(parentScope)
    const value = rawAttrs[name]!
    if (name === 'xmlns') scope.set('', decodeEntities(value))
    else {
      const uri = decodeEntities(value)
      // Namespaces in XML 1.0 forbids binding a prefix to the empty name.
      if (uri === '') throw new BadRequest(`Malformed XML body: prefix "${name.slice(6)}" is bound to an empty namespace.`)
      scope.set(name.slice(6), uri)
    }
  }
  const { ns, local } = qname(tag, scope, true)
  const attrs: XmlAttr[] = []
  for (const name in rawAttrs) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue
    const q = name.includes(':') ? qname(name, scope, false) : { ns: '', local: name }
    attrs.push({ ns: q.ns, local: q.local, value: decodeEntities(rawAttrs[name]!) })
  }
  const children: XmlNode[] = []
  for (const c of (raw[tag] as RawNode[]) ?? []) {
    if ('#text' in c) children.push(decodeEntities(String(c['#text'])))
    else if ('#cdata' in c) children.push((c['#cdata'] as { '#text': string }[]).map((t) => String(t['#text'])).join(''))
    else if ('#comment' in c) continue
    else children.push(resolve(c, scope))
  }
  return { ns, local, attrs, children }
}

function qname(name: string, scope: Map<string, string>, element: boolean): { ns: string; local: string } {
  const i = name.indexOf(':')
  if (i < 0) return { ns: element ? (scope.get('') ?? '') : '', local: name }
  const prefix = name.slice(0, i)
  const uri = prefix === 'xmlns' ? XMLNS_NS : scope.get(prefix)
  if (uri === undefined) throw new BadRequest(`Malformed XML body: namespace prefix "${prefix}" is not declared.`)
  return { ns: uri, local: name.slice(i + 1) }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);?/g, (m, ref: string) => {
    if (!m.endsWith(';')) throw new BadRequest('Malformed XML body: "&" must start an entity reference ending with ";".')
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      if (!(code >= 1 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) {
        throw new BadRequest(`Malformed XML body: invalid character reference &${ref};.`)
      }
      return String.fromCodePoint(code)
    }
    const v = PREDEFINED[ref]
    if (v === undefined) throw new BadRequest(`Malformed XML body: undefined entity &${ref};.`)
    return v
  })
}
