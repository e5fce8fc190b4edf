import { describe, expect, it } from 'vitest'
import { BadRequest } from '@maison/errors'
import { parseXml } from './parse.ts'
import { textOf, type XmlElement } from './tree.ts'

const XML_NS = 'http://www.w3.org/XML/1998/namespace'

function refusal(body: string | Buffer): string {
  try {
    parseXml(body)
  } catch (err) {
    expect(err).toBeInstanceOf(BadRequest)
    return (err as Error).message
  }
  throw new Error(`accepted: ${String(body)}`)
}

describe('parseXml', () => {
  it('resolves element and attribute namespaces, redeclarations and an undeclared default', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="utf-8"?>\n<D:propertyupdate xmlns:D="DAV:" xmlns:Z="urn:z" xmlns="urn:default">' +
        '<D:set><D:prop><Z:a xml:lang="fr" Z:x="1" y=\'2\'/><b xmlns=""/><Z:c xmlns:Z="urn:other"/><e/></D:prop></D:set></D:propertyupdate>',
    )
    expect(root).toMatchObject({ ns: 'DAV:', local: 'propertyupdate', attrs: [] })
    const prop = (root.children[0] as XmlElement).children[0] as XmlElement
    const [a, b, c, e] = prop.children as XmlElement[]
    expect(a).toEqual({
      ns: 'urn:z', local: 'a', children: [],
      attrs: [{ ns: XML_NS, local: 'lang', value: 'fr' }, { ns: 'urn:z', local: 'x', value: '1' }, { ns: '', local: 'y', value: '2' }],
    })
    expect(b).toMatchObject({ ns: '', local: 'b' })
    expect(c).toMatchObject({ ns: 'urn:other', local: 'c' })
    expect(e).toMatchObject({ ns: 'urn:default', local: 'e' })
  })

  it('decodes the predefined entities and character references, keeps whitespace, joins text, CDATA and comments', () => {
    const root = parseXml('<a>  Tom &amp; &lt;Jerry&gt; &quot;&apos; &#x41;&#66;&#x1F600; <![CDATA[<raw> & ]]><!-- gone -->end </a>')
    expect(root.children).toEqual(["  Tom & <Jerry> \"' AB\u{1F600} <raw> & end "])
    expect(textOf(parseXml('<a><b>x</b>\n  <c>y</c></a>'))).toBe('x\n  y')
  })

  it('reads UTF-8 bodies given as bytes and refuses invalid UTF-8', () => {
    expect(textOf(parseXml(Buffer.from('<a>Fête à 5 €</a>')))).toBe('Fête à 5 €')
    expect(refusal(Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]))).toBe('The XML body is not valid UTF-8.')
  })

  it('refuses DOCTYPE and entity declarations, naming them, before expanding anything', () => {
    const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><a>&lol2;</a>'
    expect(refusal(laughs)).toMatch(/DOCTYPE or entity declarations are refused/)
    expect(refusal('<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>')).toMatch(/DOCTYPE/)
    expect(refusal('<a><!ENTITY x "y"></a>')).toMatch(/entity declarations are refused/)
  })

  it('refuses undefined entities and invalid character references', () => {
    expect(refusal('<a>&nbsp;</a>')).toMatch(/^Malformed XML body: undefined entity \(line 1, column \d+\)\.$/)
    expect(refusal('<a>&#0;</a>')).toMatch(/Malformed XML body: malformed character entity/)
    expect(refusal('<a>&#xD800;</a>')).toMatch(/Malformed XML body: malformed character entity/)
    expect(refusal('<a>Tom & Jerry</a>')).toBe('Malformed XML body: "&" must start an entity or character reference ending with ";" (line 1, column 8).')
  })

  it('names the line and column of a syntax error', () => {
    expect(refusal('<d:propfind xmlns:d="DAV:">\n  <d:prop>\n</d:propfind>')).toMatch(/^Malformed XML body: .+ \(line 3, column \d+\)\.$/)
    expect(refusal('<a x="1" x="2"/>')).toMatch(/duplicate attribute: x \(line 1, column \d+\)/)
    expect(refusal('<a>')).toMatch(/unclosed tag: a/)
  })

  it('refuses undeclared prefixes and a prefix bound to the empty namespace', () => {
    expect(refusal('<p:a/>')).toMatch(/unbound namespace prefix: "p"/)
    expect(refusal('<a xmlns:p=""><p:b/></a>')).toMatch(/^Malformed XML body: prefix "p" is bound to an empty namespace \(line 1, column \d+\)\.$/)
  })

  it('wants exactly one root element', () => {
    expect(refusal('')).toMatch(/document must contain a root element/)
    expect(refusal('<a/><b/>')).toMatch(/only one root/)
    expect(refusal('text')).toMatch(/Malformed XML body/)
  })
})
