const ROOT_EFFECT = /\s(?:opacity|mask|clip-path|filter|style)\s*=/
const LINK = /url\(\s*['"]?#|href\s*=\s*["']#/

/** An SVG cut into its root tags and the markup of each top-level element, in drawing order. */
export interface SplitSvg {
  open: string
  close: string
  children: string[]
}

/**
 * Cuts an SVG into top-level elements that can each be drawn alone with the same root: the document
 * must be one `<svg>` root without opacity, mask, clip, filter or style of its own, with no `<style>`
 * (CSS may select across elements), and every `url(#id)` or `#id` link must point inside the element
 * that holds it. Anything else, or markup this small
 * scanner does not follow, gives null and the caller draws the SVG whole.
 */
export function splitSvg(svg: string): SplitSvg | null {
  let at = skipProlog(svg, 0)
  if (at === -1 || !svg.startsWith('<svg', at) || !/[\s>/]/.test(svg[at + 4] ?? '')) return null
  const openEnd = tagEnd(svg, at)
  if (openEnd === -1 || svg[openEnd - 2] === '/') return null
  const open = svg.slice(at, openEnd)
  // Effects on the root apply to the drawing as a whole (group opacity, one mask): drawn apart, overlaps would differ.
  if (LINK.test(open) || ROOT_EFFECT.test(open) || svg.includes('<style')) return null
  const children: string[] = []
  at = openEnd
  for (;;) {
    while (at < svg.length && /\s/.test(svg[at]!)) at++
    if (svg.startsWith('</svg', at)) break
    if (svg.startsWith('<!--', at)) {
      const end = svg.indexOf('-->', at + 4)
      if (end === -1) return null
      at = end + 3
      continue
    }
    if (svg[at] !== '<' || svg[at + 1] === '/' || svg[at + 1] === '!' || svg[at + 1] === '?') return null
    const end = elementEnd(svg, at)
    if (end === -1) return null
    const child = svg.slice(at, end)
    if (!selfContained(child)) return null
    children.push(child)
    at = end
  }
  const closeEnd = svg.indexOf('>', at)
  if (closeEnd === -1 || svg.slice(closeEnd + 1).trim() !== '') return null
  return { open, close: svg.slice(at, closeEnd + 1), children }
}

function skipProlog(svg: string, at: number): number {
  for (;;) {
    while (at < svg.length && /\s/.test(svg[at]!)) at++
    const [start, stop] = svg.startsWith('<?', at) ? ['<?', '?>'] : svg.startsWith('<!--', at) ? ['<!--', '-->'] : ['', '']
    if (!start) return at
    const end = svg.indexOf(stop, at + start.length)
    if (end === -1) return -1
    at = end + stop.length
  }
}

/** Index just past the `>` of the tag starting at `at`, skipping quoted attribute values; -1 if unterminated. */
function tagEnd(svg: string, at: number): number {
  for (let i = at + 1; i < svg.length; i++) {
    const c = svg[i]
    if (c === '"' || c === "'") {
      i = svg.indexOf(c, i + 1)
      if (i === -1) return -1
    } else if (c === '>') {
      return i + 1
    }
  }
  return -1
}

/** Index just past the element starting at `at` (its closing tag included); -1 if the markup is not followed. */
function elementEnd(svg: string, at: number): number {
  let depth = 0
  let i = at
  while (i < svg.length) {
    if (svg[i] !== '<') {
      const next = svg.indexOf('<', i)
      if (next === -1) return -1
      i = next
      continue
    }
    if (svg.startsWith('<!--', i)) {
      const end = svg.indexOf('-->', i + 4)
      if (end === -1) return -1
      i = end + 3
    } else if (svg.startsWith('<![CDATA[', i)) {
      const end = svg.indexOf(']]>', i + 9)
      if (end === -1) return -1
      i = end + 3
    } else if (svg[i + 1] === '/') {
      const end = svg.indexOf('>', i)
      if (end === -1) return -1
      i = end + 1
      if (--depth === 0) return i
    } else if (svg[i + 1] === '!' || svg[i + 1] === '?') {
      return -1
    } else {
      const end = tagEnd(svg, i)
      if (end === -1) return -1
      if (svg[end - 2] !== '/') depth++
      else if (depth === 0) return end
      i = end
    }
  }
  return -1
}

function selfContained(element: string): boolean {
  if (!LINK.test(element)) return true
  const ids = new Set([...element.matchAll(/\sid\s*=\s*["']([^"']*)["']/g)].map((m) => m[1]))
  for (const m of element.matchAll(/url\(\s*['"]?#([^'")\s]*)|href\s*=\s*["']#([^"']*)["']/g)) {
    if (!ids.has(m[1] ?? m[2])) return false
  }
  return true
}
