import crypto from 'node:crypto'
import type { Layout } from '../domain/render-svg.ts'
import { assemble, type SlotParts } from '../domain/slot-parts.ts'
import { drawPixels } from './rasterize.ts'
import { encodePng } from './png.ts'
import { encodePngBands } from './png-bands.ts'
import { KeptRenders, type KeptRender } from './kept-renders.ts'
import type { Rect } from '../domain/slots/image-slot.ts'

/** Pixels of a render and the rows that were drawn for it (all of them unless only some fields changed). */
export interface DrawnPixels {
  pixels: Buffer
  width: number
  height: number
  /** Whether only a rectangle of the image was drawn (and pasted into the kept render's pixels). */
  cropped: boolean
  /** Rows of the image resvg drew for this render (the rectangle's height, or the whole image's). */
  drawnRows: number
  /** Rows [y0, y1) outside which every row equals the kept render's, whose PNG bands stay good. Null: treat all as new. */
  redrawn: { y0: number; y1: number } | null
  /** The kept render these pixels now are (and the store keeping it), for encoders that reuse their own work. */
  kept?: { render: KeptRender; store: KeptRenders }
}

/** A pixel rectangle of the output. */
interface PixelRect {
  x: number
  y: number
  width: number
  height: number
}

// 96 MB of kept pixels: about ten 1080² or A4-at-150-dpi posters being edited per render process.
const KEPT_BYTES = 96 * 1024 * 1024
// Anti-aliasing reaches at most one pixel past a shape's edge; two leave room for rounding.
const PAD = 2
// Past this share of the image, redrawing a rectangle saves too little over a full render to be worth keeping apart.
const MAX_REDRAWN_SHARE = 0.75

let kept: KeptRenders | null = null

/**
 * Draws a layout's pixels. When this process drew, moments ago, a layout with the same skeleton (same template, size,
 * kit, photos and every other field) at the same pixel size, and only some slot fragments differ, only the pixel
 * rectangle those slots can draw in (old and new) is drawn again — the same SVG with its viewBox cropped to that
 * rectangle — and pasted into the kept pixels. When that rectangle cannot be cut (it would cut a curve, or be most of
 * the image) the image is drawn whole, and the rows that differ from the kept render's are reported as redrawn, so the
 * PNG encoder still reuses the others' bands. A layout identical to the kept one is drawn and encoded whole: a render
 * is never answered from a cache.
 */
export function drawLayout(layout: Layout, type: 'png' | 'jpeg', pixelWidth: number, store: KeptRenders = defaultStore()): DrawnPixels {
  const parts = layout.parts
  if (!parts) {
    const full = drawPixels(layout.svg, type, pixelWidth)
    return { ...full, cropped: false, drawnRows: full.height, redrawn: null }
  }
  const key = crypto.createHash('sha1').update(`${type} ${pixelWidth}\u0000`).update(parts.skeleton).digest('base64url')
  const before = store.get(key)
  const differs = before !== undefined && before.fragments.some((f, i) => f !== parts.fragments[i])
  const rect = before && differs ? changedRect(before, parts, layout.viewBox) : null
  if (!before || !rect) {
    const full = drawPixels(onCanvas(layout, parts, pixelWidth), type, pixelWidth)
    // Drawn whole, yet only some fields changed: the rows that came out the same keep their compressed PNG bands.
    const rows = before && differs && before.width === full.width && before.height === full.height ? differingRows(before.pixels, full.pixels, full.width * 4) : null
    const render: KeptRender = { pixels: full.pixels, width: full.width, height: full.height, fragments: parts.fragments, regions: parts.regions, bands: rows ? before!.bands : undefined }
    store.put(key, render)
    return { ...full, cropped: false, drawnRows: full.height, redrawn: rows, kept: { render, store } }
  }
  const kx = before.width / layout.viewBox.width
  const ky = before.height / layout.viewBox.height
  // Parts that cannot reach the rectangle are left out: less to parse, and no layer far outside the small canvas.
  const svg = assemble(parts.skeleton, parts.fragments, (i) => overlaps(toPixels(parts.regions[i]!, kx, ky), rect))
  const crop = drawPixels(croppedSvg(svg, rect, kx, ky), type)
  // The rectangle often holds rows nothing changed in (it grew to hold a shape whole): their PNG bands stay good.
  const rows = pasteChanged(before, crop.pixels, rect)
  before.fragments = parts.fragments
  before.regions = parts.regions
  return { pixels: before.pixels, width: before.width, height: before.height, cropped: true, drawnRows: rect.height, redrawn: rows, kept: { render: before, store } }
}

function defaultStore(): KeptRenders {
  kept ??= new KeptRenders(KEPT_BYTES)
  return kept
}

/** The pixel rectangle covering every region of the fragments that differ, or null when the whole image must be drawn. */
function changedRect(before: KeptRender, parts: SlotParts, viewBox: { width: number; height: number }): PixelRect | null {
  if (before.fragments.length !== parts.fragments.length) return null
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity
  for (let i = 0; i < parts.fragments.length; i++) {
    if (before.fragments[i] === parts.fragments[i]) continue
    for (const r of [before.regions[i]!, parts.regions[i]!]) {
      x0 = Math.min(x0, r.x)
      y0 = Math.min(y0, r.y)
      x1 = Math.max(x1, r.x + r.width)
      y1 = Math.max(y1, r.y + r.height)
    }
  }
  if (x0 === Infinity) return null
  const kx = before.width / viewBox.width
  const ky = before.height / viewBox.height
  const canvas = { x: 0, y: 0, width: before.width, height: before.height }
  let rect = clamp(toPixels({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, kx, ky), canvas)
  // Grow the rectangle until it cuts no part and no curved shape: each is inside it whole, or outside.
  const boxes = [...parts.regions.filter((_, i) => parts.curved[i]), ...parts.shapes].map((r) => clamp(toPixels(r, kx, ky), canvas))
  for (let grown = true; grown;) {
    grown = false
    for (const b of boxes) {
      if (!overlaps(b, rect) || contains(rect, b)) continue
      rect = union(rect, b)
      grown = true
    }
  }
  if (rect.width <= 0 || rect.height <= 0) return null
  if (rect.width * rect.height > MAX_REDRAWN_SHARE * before.width * before.height) return null
  return rect
}

function clamp(r: PixelRect, c: PixelRect): PixelRect {
  const x = Math.max(r.x, c.x)
  const y = Math.max(r.y, c.y)
  return { x, y, width: Math.min(r.x + r.width, c.x + c.width) - x, height: Math.min(r.y + r.height, c.y + c.height) - y }
}

function contains(a: PixelRect, b: PixelRect): boolean {
  return b.x >= a.x && b.y >= a.y && b.x + b.width <= a.x + a.width && b.y + b.height <= a.y + a.height
}

function union(a: PixelRect, b: PixelRect): PixelRect {
  const x = Math.min(a.x, b.x)
  const y = Math.min(a.y, b.y)
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y }
}

/** The whole pixels a region in user units can touch, anti-aliasing included. */
function toPixels(r: Rect, kx: number, ky: number): PixelRect {
  const x = Math.floor(r.x * kx) - PAD
  const y = Math.floor(r.y * ky) - PAD
  return { x, y, width: Math.ceil((r.x + r.width) * kx) + PAD - x, height: Math.ceil((r.y + r.height) * ky) + PAD - y }
}

function overlaps(a: PixelRect, b: PixelRect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

/**
 * The same SVG drawn only over `rect`: the root's size becomes the rectangle's pixels and its viewBox the
 * rectangle in user units, so resvg maps user units to pixels as in the full render (whose height resvg rounds, so x and
 * y scale apart by a hair: hence no aspect ratio kept), shifted by whole pixels.
 */
function croppedSvg(svg: string, rect: PixelRect, kx: number, ky: number): string {
  const end = rootTagEnd(svg)
  const root = svg.slice(0, end)
    .replace(/\swidth="[^"]*"/, ` width="${rect.width}"`)
    .replace(/\sheight="[^"]*"/, ` height="${rect.height}"`)
    .replace(/\sviewBox="[^"]*"/, ` viewBox="${rect.x / kx} ${rect.y / ky} ${rect.width / kx} ${rect.height / ky}" preserveAspectRatio="none"`)
  return root + svg.slice(end)
}

// The root tag ends at the first '>' outside an attribute value.
function rootTagEnd(svg: string): number {
  let quote = ''
  for (let i = svg.indexOf('<svg'); i < svg.length; i++) {
    const c = svg[i]!
    if (quote) {
      if (c === quote) quote = ''
    } else if (c === '"' || c === "'") quote = c
    else if (c === '>') return i + 1
  }
  return svg.length
}

/**
 * The SVG without the parts that lie wholly off the canvas: they draw nothing, and resvg 2.6 aborts the whole
 * process on a layer (group opacity) more than about twice the canvas size away from it.
 */
function onCanvas(layout: Layout, parts: SlotParts, pixelWidth: number): string {
  const k = pixelWidth / layout.viewBox.width
  const canvas = { x: 0, y: 0, width: pixelWidth, height: Math.ceil(layout.viewBox.height * k) }
  if (parts.regions.every((r) => overlaps(toPixels(r, k, k), canvas))) return layout.svg
  return assemble(parts.skeleton, parts.fragments, (i) => overlaps(toPixels(parts.regions[i]!, k, k), canvas))
}

/** Rows [y0, y1) between the first and the last row that differ; null when none does. */
function differingRows(a: Buffer, b: Buffer, stride: number): { y0: number; y1: number } | null {
  const rows = a.length / stride
  let y0 = 0
  while (y0 < rows && a.compare(b, y0 * stride, (y0 + 1) * stride, y0 * stride, (y0 + 1) * stride) === 0) y0++
  if (y0 === rows) return null
  let y1 = rows
  while (y1 > y0 && a.compare(b, (y1 - 1) * stride, y1 * stride, (y1 - 1) * stride, y1 * stride) === 0) y1--
  return { y0, y1 }
}

/** Pastes the rectangle's pixels into the kept ones; answers the rows [y0, y1) between the first and last that changed. */
function pasteChanged(into: KeptRender, crop: Buffer, rect: PixelRect): { y0: number; y1: number } {
  const row = rect.width * 4
  let first = -1
  let last = -1
  for (let r = 0; r < rect.height; r++) {
    const at = ((rect.y + r) * into.width + rect.x) * 4
    if (crop.compare(into.pixels, at, at + row, r * row, (r + 1) * row) === 0) continue
    if (first < 0) first = r
    last = r
    crop.copy(into.pixels, at, r * row, (r + 1) * row)
  }
  // Nothing changed: an empty range, so the encoder redoes one band at most.
  return first < 0 ? { y0: rect.y, y1: rect.y } : { y0: rect.y + first, y1: rect.y + last + 1 }
}

/**
 * PNG bytes of drawn pixels. When the kept render's rows outside `redrawn` are unchanged, its compressed row bands
 * there are reused (all are computed the first time); without that, the pixels are encoded in one piece and the
 * kept bands dropped.
 */
export function encodeDrawnPng(drawn: DrawnPixels): Buffer {
  if (!drawn.kept || !drawn.redrawn) {
    if (drawn.kept) drawn.kept.store.setBands(drawn.kept.render, undefined)
    return encodePng(drawn.pixels, drawn.width, drawn.height)
  }
  const { png, bands } = encodePngBands(drawn.pixels, drawn.width, drawn.height, drawn.kept.render.bands, drawn.redrawn)
  drawn.kept.store.setBands(drawn.kept.render, bands)
  return png
}
