import { UnsafeSvg } from '../errors.ts'
import { parseSvg, unescapeXml, type SvgElement } from './tree.ts'

/** Bounds an uploaded template must stay within. */
export interface SanitizeLimits {
  maxBytes: number
  /** Largest width or height, in CSS pixels. */
  maxSide: number
  maxElements: number
  maxDepth: number
}

export const DEFAULT_SANITIZE_LIMITS: SanitizeLimits = { maxBytes: 2 * 1024 * 1024, maxSide: 10_000, maxElements: 20_000, maxDepth: 64 }

// Elements that run code, embed other documents or play media: none has a place in a poster.
const FORBIDDEN_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'audio', 'video', 'canvas', 'handler', 'listener', 'base', 'link', 'meta'])
const ANIMATIONS = new Set(['animate', 'set', 'animatetransform', 'animatemotion', 'animatecolor'])
const SAFE_DATA_IMAGE = /^data:image\/(png|jpeg);base64,[a-z0-9+/=\s]*$/i
const UNIT_PX: Record<string, number> = { '': 1, px: 1, pt: 4 / 3, pc: 16, mm: 96 / 25.4, cm: 96 / 2.54, in: 96 }

/**
 * Checks an uploaded SVG against every rule of the template upload and returns its parsed tree.
 * @throws UnsafeSvg with the first rule broken, in words a volunteer can act on
 */
export function sanitizeSvg(input: string | Buffer, limits: SanitizeLimits = DEFAULT_SANITIZE_LIMITS): { tree: SvgElement; width: number; height: number } {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.length
  if (bytes > limits.maxBytes) throw new UnsafeSvg(`The SVG is ${(bytes / 1048576).toFixed(1)} MB; templates are limited to ${(limits.maxBytes / 1048576).toFixed(0)} MB.`)
  const markup = typeof input === 'string' ? input : input.toString('utf8')
  // Entities are refused before any parser sees them: that rules out XXE and entity-expansion bombs alike.
  if (/<!DOCTYPE/i.test(markup)) throw new UnsafeSvg('The SVG has a DOCTYPE declaration; DOCTYPEs and XML entities are not allowed (they can read server files or expand without end).')
  if (/<!ENTITY/i.test(markup)) throw new UnsafeSvg('The SVG declares XML entities, which are not allowed.')
  const pi = /<\?(?!xml\s)([a-z-]+)/i.exec(markup)
  if (pi) throw new UnsafeSvg(`The SVG has a <?${pi[1]}?> processing instruction, which is not allowed.`)

  let tree: SvgElement
  try {
    tree = parseSvg(markup)
  } catch (err) {
    throw new UnsafeSvg((err as Error).message, { cause: err })
  }
  let count = 0
  const visit = (el: SvgElement, depth: number) => {
    if (++count > limits.maxElements) throw new UnsafeSvg(`The SVG has more than ${limits.maxElements} elements.`)
    if (depth > limits.maxDepth) throw new UnsafeSvg(`The SVG nests elements more than ${limits.maxDepth} levels deep.`)
    checkElement(el)
    for (const c of el.children) {
      if (c.kind === 'element') visit(c, depth + 1)
      else if (el.name.toLowerCase() === 'style') checkCss(c.cdata ? c.value : unescapeXml(c.value), '<style>')
    }
  }
  visit(tree, 0)
  const { width, height } = dimensions(tree, limits.maxSide)
  return { tree, width, height }
}

function checkElement(el: SvgElement): void {
  const name = el.name.toLowerCase()
  if (name.includes(':') && !name.startsWith('svg:')) throw new UnsafeSvg(`The element <${el.name}> belongs to another XML vocabulary; only SVG elements are allowed.`)
  const local = name.replace(/^svg:/, '')
  if (local === 'script') throw new UnsafeSvg('The SVG contains a <script> element; scripts are not allowed.')
  if (local === 'foreignobject') throw new UnsafeSvg('The SVG contains a <foreignObject> element, which can embed HTML; it is not allowed.')
  if (FORBIDDEN_ELEMENTS.has(local)) throw new UnsafeSvg(`The SVG contains a <${el.name}> element, which is not allowed.`)
  for (const [rawName, rawValue] of Object.entries(el.attrs)) {
    const attr = rawName.toLowerCase()
    const value = unescapeXml(rawValue)
    // Browsers ignore whitespace and control characters inside a URL scheme: "java\tscript:" still runs.
    const squashed = value.replace(/[\s\u0000-\u001f]+/g, '').toLowerCase()
    if (attr.startsWith('on')) throw new UnsafeSvg(`The <${el.name}> element has an event handler (${rawName}); event handlers are not allowed.`)
    if (squashed.includes('javascript:') || squashed.includes('vbscript:') || squashed.startsWith('data:text/html')) {
      throw new UnsafeSvg(`The <${el.name}> element has a script link in ${rawName}; links to scripts are not allowed.`)
    }
    if (attr === 'href' || attr === 'xlink:href' || attr.endsWith(':href')) checkHref(el, rawName, value)
    if (attr === 'xml:base') throw new UnsafeSvg('The SVG sets xml:base, which can redirect links; it is not allowed.')
    if (ANIMATIONS.has(el.name.toLowerCase()) && attr === 'attributename' && /href|^on/i.test(value)) {
      throw new UnsafeSvg(`The <${el.name}> animation changes ${value}, which is not allowed.`)
    }
    if (attr === 'style') checkCss(value, `the style of <${el.name}>`)
    else if (/url\s*\(/i.test(value)) checkUrls(value, `${rawName} of <${el.name}>`)
  }
}

function checkHref(el: SvgElement, name: string, value: string): void {
  const v = value.trim()
  if (v.startsWith('#')) return
  if (el.name.toLowerCase() === 'image' && SAFE_DATA_IMAGE.test(v)) return
  const shown = v.length > 60 ? `${v.slice(0, 57)}…` : v
  throw new UnsafeSvg(`The <${el.name}> element links to "${shown}" (${name}); only links inside the file (#id) and embedded PNG or JPEG images are allowed.`)
}

function checkCss(css: string, where: string): void {
  if (/@import/i.test(css)) throw new UnsafeSvg(`${capitalize(where)} uses @import; external style sheets are not allowed.`)
  if (/expression\s*\(|-moz-binding|behavior\s*:/i.test(css)) throw new UnsafeSvg(`${capitalize(where)} uses a scripting CSS feature, which is not allowed.`)
  checkUrls(css, where)
}

function checkUrls(text: string, where: string): void {
  for (const m of text.matchAll(/url\s*\(\s*(['"]?)(.*?)\1\s*\)/gi)) {
    const target = m[2]!.trim()
    if (target.startsWith('#') || SAFE_DATA_IMAGE.test(target)) continue
    throw new UnsafeSvg(`${capitalize(where)} refers to url(${target.slice(0, 60)}); only references inside the file (url(#id)) are allowed.`)
  }
}

function dimensions(root: SvgElement, maxSide: number): { width: number; height: number } {
  const vb = root.attrs.viewBox?.trim().split(/[\s,]+/).map(Number)
  const vbSize = vb?.length === 4 && vb.every(Number.isFinite) ? { width: vb[2]!, height: vb[3]! } : null
  const width = length(root.attrs.width) ?? vbSize?.width
  const height = length(root.attrs.height) ?? vbSize?.height
  if (width === undefined || height === undefined) throw new UnsafeSvg('The SVG states no size: give the root element a viewBox (or width and height).')
  for (const [label, n] of [['width', width], ['height', height], ['viewBox width', vbSize?.width ?? 1], ['viewBox height', vbSize?.height ?? 1]] as const) {
    if (!(n > 0)) throw new UnsafeSvg(`The SVG's ${label} must be a positive number.`)
    if (n > maxSide) throw new UnsafeSvg(`The SVG's ${label} is ${Math.round(n)} px; templates are limited to ${maxSide} px on each side.`)
  }
  return { width, height }
}

function length(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  const m = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*(px|pt|pc|mm|cm|in|%)?\s*$/i.exec(raw)
  if (!m) throw new UnsafeSvg(`The SVG's size "${raw}" is not a length.`)
  if (m[2] === '%') return undefined
  return Number(m[1]) * UNIT_PX[(m[2] ?? '').toLowerCase()]!
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
