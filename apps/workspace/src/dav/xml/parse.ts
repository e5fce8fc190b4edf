import { SaxesParser, type SaxesOptions, type SaxesTagNS } from 'saxes'
import { BadRequest } from '@maison/errors'
import type { XmlAttr, XmlElement } from './tree.ts'

type NsOptions = SaxesOptions & { xmlns: true }

// Strict, namespace-aware and single-pass: saxes resolves prefixes, decodes only the five predefined
// entities and character references (any other entity is an error, since no DTD is ever read), and
// reports line and column. Our tree is built from its events, with no intermediate structure.
const OPTIONS: NsOptions = { xmlns: true, position: true }
const DECLARATION = /<!DOCTYPE|<!ENTITY/i

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
  // Refused before parsing, so that the answer names the declaration rather than an entity it defines.
  if (DECLARATION.test(text)) throw new BadRequest('XML bodies with a DOCTYPE or entity declarations are refused.')
  return new TreeBuilder(text).parse()
}

/** Builds XmlElements from saxes events; one builder per body. */
class TreeBuilder {
  private readonly parser = new SaxesParser<NsOptions>(OPTIONS)
  private readonly open: XmlElement[] = []
  private root: XmlElement | null = null

  constructor(private readonly text: string) {}

  parse(): XmlElement {
    const p = this.parser
    p.on('error', (err) => this.fail(err.message))
    // Checked here because saxes's own message does not name the prefix.
    p.on('attribute', (a) => {
      if (a.prefix === 'xmlns' && a.value.trim() === '') this.fail(`prefix "${a.local}" is bound to an empty namespace.`)
    })
    p.on('opentag', (tag) => this.opened(tag))
    p.on('closetag', () => void this.open.pop())
    p.on('text', (t) => this.addText(t))
    p.on('cdata', (t) => this.addText(t))
    p.on('doctype', () => {
      throw new BadRequest('XML bodies with a DOCTYPE or entity declarations are refused.')
    })
    p.write(this.text).close()
    if (!this.root) throw new BadRequest('Malformed XML body: expected exactly one root element.')
    return this.root
  }

  private opened(tag: SaxesTagNS): void {
    const attrs: XmlAttr[] = []
    for (const name in tag.attributes) {
      const a = tag.attributes[name]!
      if (a.prefix === 'xmlns' || name === 'xmlns') continue
      attrs.push({ ns: a.uri, local: a.local, value: a.value })
    }
    const el: XmlElement = { ns: tag.uri, local: tag.local, attrs, children: [] }
    const parent = this.open[this.open.length - 1]
    if (parent) parent.children.push(el)
    else this.root = el
    // saxes sends closetag for self-closing tags too.
    this.open.push(el)
  }

  private addText(t: string): void {
    // Text outside the root can only be whitespace (saxes refuses anything else).
    const parent = this.open[this.open.length - 1]
    if (!parent || t === '') return
    const last = parent.children.length - 1
    // Text, CDATA and comments in between come as several events; the tree holds one string.
    if (last >= 0 && typeof parent.children[last] === 'string') parent.children[last] += t
    else parent.children.push(t)
  }

  private fail(message: string): never {
    // saxes reads an entity name up to the next ";", so a bare "&" surfaces only at the end as an
    // unclosed tag: name the "&" instead.
    if (/^\d+:\d+: (unclosed tag|unexpected end)/.test(message)) {
      const bare = BARE_AMPERSAND.exec(this.text)
      if (bare) throw malformed('"&" must start an entity or character reference ending with ";"', this.text, bare.index)
    }
    // saxes prefixes its messages with "line:column: "; ours carry the position at the end.
    const detail = message.replace(/^\d+:\d+: /, '').replace(/\.$/, '')
    throw new BadRequest(`Malformed XML body: ${detail} (line ${this.parser.line}, column ${this.parser.column}).`)
  }
}

const BARE_AMPERSAND = /&(?!(?:[A-Za-z_:][\w.:-]*|#[0-9]+|#x[0-9a-fA-F]+);)/

function malformed(detail: string, text: string, index: number): BadRequest {
  const before = text.slice(0, index)
  const line = before.split('\n').length
  const column = index - before.lastIndexOf('\n')
  return new BadRequest(`Malformed XML body: ${detail} (line ${line}, column ${column}).`)
}
