import type { Rect } from './slots/image-slot.ts'
import type { PlacedText } from './slots/text-slot.ts'
import type { SvgElement, SvgText } from './svg/tree.ts'

/**
 * A final SVG cut into parts (what fields fill, and every element drawn on its own layer) and everything else (the
 * skeleton, with a marker where each part goes). Two layouts with the same skeleton differ only inside the regions
 * of the parts that differ, which lets a render process redraw just those pixels.
 */
export interface SlotParts {
  skeleton: string
  fragments: string[]
  /** Where each part can draw, in the layout's user units. */
  regions: Rect[]
  /** Whether each part has curved edges (text, circles, rounded clips): then a crop must hold it whole or not at all. */
  curved: boolean[]
  /**
   * Boxes of the skeleton's shapes with curved or slanted edges. A crop must hold each of these (and each part) whole
   * or not at all: resvg flattens a curve cut by the canvas edge differently, which moves its anti-aliased edge.
   */
  shapes: Rect[]
}

// A processing instruction: templates cannot carry one (the sanitizer refuses them, the parser drops them) and text
// we write is escaped, so this marker never comes from a template or a field.
const MARK = /<\?maison-part (\d+)\?>/

/** Collects slot elements while a layout is built and puts the SVG back together from their parts. */
export class SlotPartsCollector {
  private readonly elements: SvgElement[] = []
  private readonly regions: Rect[] = []
  private readonly marked = new Map<SvgElement, number>()
  private spoiled = false
  private readonly shapes: Rect[] = []

  /** Records a part and where it can draw; a part drawing who knows where means the layout cannot be cut at all. */
  mark(el: SvgElement, region: Rect | null): void {
    if (!region) {
      this.spoiled = true
      return
    }
    this.marked.set(el, this.elements.length)
    this.elements.push(el)
    this.regions.push(region)
  }

  /**
   * Records an element of the skeleton as it is drawn (not inside defs, clip paths and the like). An element resvg
   * draws on a layer of its own (group opacity) becomes a part with a known region: resvg 2.6 aborts the process
   * when such a layer falls far outside the canvas, as it can on a cropped canvas, so a crop must be able to leave it
   * out. A shape with curved or slanted edges gives its box (see `SlotParts.shapes`); anything whose extent or
   * drawing we do not model (paths, real text, uses, clips, masks, filters, transforms) spoils the cut.
   */
  noteDrawn(el: SvgElement, transformed: boolean): void {
    if (this.marked.has(el) || CONTAINERS.has(el.name)) {
      if (!this.marked.has(el) && (transformed || LAYER_ATTRS.some((k) => el.attrs[k] !== undefined) || hasOpacity(el))) this.spoiled = true
      return
    }
    if (NOT_DRAWN.has(el.name)) return
    if (transformed || el.attrs.transform !== undefined || LAYER_ATTRS.some((k) => el.attrs[k] !== undefined) || !DRAWN.has(el.name)) {
      this.spoiled = true
      return
    }
    // Horizontal and vertical edges cut by the canvas stay the same lines. A slanted edge does not: resvg clips it
    // to the canvas and the clipped line's fixed-point slope moves its anti-aliasing by up to 13 levels (measured).
    const straight = (el.name === 'rect' && el.attrs.rx === undefined && el.attrs.ry === undefined) || el.name === 'image'
    if (hasOpacity(el)) this.mark(el, shapeBox(el))
    else if (!straight) {
      const box = shapeBox(el)
      if (box) this.shapes.push(box)
      else this.spoiled = true
    }
  }

  /** The marker node that stands for a recorded part in the skeleton, or the element itself when not recorded. */
  placeholder(el: SvgElement): SvgElement | SvgText {
    const i = this.marked.get(el)
    return i === undefined ? el : { kind: 'text', value: `<?maison-part ${i}?>` }
  }

  /** The whole SVG and, unless spoiled, its parts. */
  finish(skeleton: string, serialize: (el: SvgElement) => string): { svg: string; parts?: SlotParts } {
    const fragments = this.elements.map(serialize)
    const svg = assemble(skeleton, fragments, () => true)
    // Raw CDATA could spell a marker; then the cut is not trusted.
    const order = [...skeleton.matchAll(new RegExp(MARK, 'g'))].map((m) => Number(m[1]))
    if (order.length !== fragments.length || order.some((n, i) => n !== i)) this.spoiled = true
    return this.spoiled ? { svg } : { svg, parts: { skeleton, fragments, regions: this.regions, curved: fragments.map((f) => CURVED.test(f)), shapes: this.shapes } }
  }
}

/** The SVG from its skeleton and the parts `keep` accepts (by index); the others are left out. */
export function assemble(skeleton: string, fragments: readonly string[], keep: (i: number) => boolean): string {
  const pieces = skeleton.split(MARK)
  let svg = ''
  for (let i = 0; i < pieces.length; i++) {
    if (i % 2 === 0) svg += pieces[i]
    else if (keep(Number(pieces[i]))) svg += fragments[Number(pieces[i])]
  }
  return svg
}

const LAYER_ATTRS = ['clip-path', 'mask', 'filter', 'mix-blend-mode', 'isolation', 'style', 'class', 'marker-start', 'marker-mid', 'marker-end']
const CONTAINERS = new Set(['g', 'a'])
// Edges other than horizontal and vertical lines; a QR code's path (squares only) is counted too, which costs nothing.
const CURVED = /<(?:path|circle|ellipse|polygon|polyline|line)\b|\sr[xy]="/
// Drawn only where something else refers to them (and such references spoil the cut on their own).
const NOT_DRAWN = new Set(['defs', 'clipPath', 'mask', 'pattern', 'marker', 'symbol', 'linearGradient', 'radialGradient', 'filter', 'style', 'title', 'desc', 'metadata'])
const DRAWN = new Set(['rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'image'])

function hasOpacity(el: SvgElement): boolean {
  return el.attrs.opacity !== undefined && Number(el.attrs.opacity) !== 1
}

/** The box a plain shape can paint (its stroke included), or null for anything else. */
function shapeBox(el: SvgElement): Rect | null {
  const n = (k: string, fallback?: number) => {
    const v = el.attrs[k]
    if (v === undefined) return fallback ?? NaN
    return /^\s*-?[\d.]+(?:e-?\d+)?\s*$/i.test(v) ? Number(v) : NaN
  }
  const stroked = el.attrs.stroke !== undefined && el.attrs.stroke !== 'none'
  const half = stroked ? n('stroke-width', 1) / 2 + (el.attrs['stroke-linejoin'] === 'miter' || el.attrs['stroke-linejoin'] === undefined ? n('stroke-width', 1) * 2 : 0) : 0
  let box: Rect | null = null
  if (el.name === 'rect' || el.name === 'image') box = { x: n('x', 0), y: n('y', 0), width: n('width'), height: n('height') }
  else if (el.name === 'polygon' || el.name === 'polyline') box = pointsBox(el.attrs.points ?? '')
  else if (el.name === 'line') box = pointsBox(`${el.attrs.x1 ?? 0} ${el.attrs.y1 ?? 0} ${el.attrs.x2 ?? 0} ${el.attrs.y2 ?? 0}`)
  else if (el.name === 'circle') box = { x: n('cx', 0) - n('r'), y: n('cy', 0) - n('r'), width: 2 * n('r'), height: 2 * n('r') }
  else if (el.name === 'ellipse') box = { x: n('cx', 0) - n('rx'), y: n('cy', 0) - n('ry'), width: 2 * n('rx'), height: 2 * n('ry') }
  if (!box || ![box.x, box.y, box.width, box.height, half].every(Number.isFinite)) return null
  return { x: box.x - half, y: box.y - half, width: box.width + 2 * half, height: box.height + 2 * half }
}

/** Where a text slot draws: its glyphs' ink when outlined (its box when empty); null when drawn as real text. */
export function textRegion(placed: PlacedText): Rect | null {
  if (placed.ink === undefined) return null
  return inkRect(placed.ink) ?? placed.box
}

/** An ink box as a rectangle. */
export function inkRect(ink: { x0: number; y0: number; x1: number; y1: number } | null): Rect | null {
  return ink ? { x: ink.x0, y: ink.y0, width: ink.x1 - ink.x0, height: ink.y1 - ink.y0 } : null
}

function pointsBox(points: string): Rect | null {
  const v = points.trim().split(/[\s,]+/).map(Number)
  if (v.length < 2 || v.length % 2 || !v.every(Number.isFinite)) return null
  const xs = v.filter((_, i) => i % 2 === 0)
  const ys = v.filter((_, i) => i % 2 === 1)
  const x = Math.min(...xs)
  const y = Math.min(...ys)
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y }
}
