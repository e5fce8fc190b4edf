import { fmt, rectOf } from '../svg/attrs.ts'
import { escapeXml, type SvgElement } from '../svg/tree.ts'
import type { ImageValue } from '../fields.ts'
import type { RasterImage } from '../images.ts'
import type { BrandKit } from '../brand-kit.ts'
import { contrast } from '../colours.ts'

/** A rectangle in the layout's user units. */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** Where a slot draws an image: the image's whole box and the frame that clips it, in the layout's user units. */
export interface ImagePlacement {
  image: RasterImage
  box: Rect
  frame: Rect
  /** The frame has rounded corners, so its clip can never be dropped. */
  rounded: boolean
}

/** An image already fitted to its output: drawn at `box` without resampling, clipped only when `clip` says so. */
export interface PreparedImage {
  /** A URL or absolute file path resvg can load (not yet escaped for XML). */
  href: string
  box: Rect
  clip: boolean
}

/** Swaps a placed image for one prepared for this output (resampled once to its pixel size); null keeps the original. */
export type ImagePreparer = (placement: ImagePlacement) => PreparedImage | null

/**
 * Turns an image slot (a `<rect>` frame) into the image, cropped to the frame.
 * Placement is computed here rather than left to preserveAspectRatio so the PNG and the PDF crop identically.
 */
export function fillImageSlot(el: SvgElement, value: ImageValue, clipId: string, prepare?: ImagePreparer): SvgElement {
  const frame = rectOf(el)
  const { width: iw, height: ih } = value.image
  const base = value.fit === 'cover' ? Math.max(frame.width / iw, frame.height / ih) : Math.min(frame.width / iw, frame.height / ih)
  const scale = base * value.zoom
  const w = iw * scale
  const h = ih * scale
  const x = frame.x + (frame.width - w) * value.focusX
  const y = frame.y + (frame.height - h) * value.focusY
  const rounded = el.attrs.rx !== undefined || el.attrs.ry !== undefined
  const prepared = prepare?.({ image: value.image, box: { x, y, width: w, height: h }, frame, rounded })
  if (!prepared) return clipped(el, clipId, image(value.image, x, y, w, h))
  const { box } = prepared
  // Full precision: the prepared pixels must land on whole output pixels, or resvg would resample them again.
  const drawn: SvgElement = {
    kind: 'element', name: 'image', children: [],
    attrs: { x: String(box.x), y: String(box.y), width: String(box.width), height: String(box.height), preserveAspectRatio: 'none', href: escapeXml(prepared.href) },
  }
  return prepared.clip ? clipped(el, clipId, drawn) : drawn
}

/** Places the kit's logo inside the slot, whole, aligned by `data-align`; or the association's initials when the kit has none. */
export function fillLogoSlot(el: SvgElement, logo: RasterImage | null, kit: BrandKit, pin: (text: SvgElement) => void): SvgElement {
  const frame = rectOf(el)
  if (!logo) return monogram(frame, el.attrs.fill ?? kit.palette.primary, kit, pin)
  const scale = Math.min(frame.width / logo.width, frame.height / logo.height)
  const w = logo.width * scale
  const h = logo.height * scale
  const align = el.attrs['data-align'] ?? 'middle'
  const x = frame.x + (align === 'start' ? 0 : align === 'end' ? frame.width - w : (frame.width - w) / 2)
  return image(logo, x, frame.y + (frame.height - h) / 2, w, h)
}

function image(img: RasterImage, x: number, y: number, w: number, h: number): SvgElement {
  return {
    kind: 'element', name: 'image', children: [],
    attrs: { x: fmt(x), y: fmt(y), width: fmt(w), height: fmt(h), preserveAspectRatio: 'none', href: img.dataUrl },
  }
}

function clipped(frameEl: SvgElement, clipId: string, content: SvgElement): SvgElement {
  const shape: SvgElement = { kind: 'element', name: 'rect', children: [], attrs: {} }
  for (const k of ['x', 'y', 'width', 'height', 'rx', 'ry']) if (frameEl.attrs[k] !== undefined) shape.attrs[k] = frameEl.attrs[k]!
  content.attrs['clip-path'] = `url(#${clipId})`
  return {
    kind: 'element', name: 'g', attrs: {},
    children: [{ kind: 'element', name: 'clipPath', attrs: { id: clipId }, children: [shape] }, content],
  }
}

// Two letters in a disc of the primary colour: a kit without a logo still gets a mark.
function monogram(frame: { x: number; y: number; width: number; height: number }, disc: string, kit: BrandKit, pin: (text: SvgElement) => void): SvgElement {
  const r = Math.min(frame.width, frame.height) / 2
  const cx = frame.x + frame.width / 2
  const cy = frame.y + frame.height / 2
  const words = kit.name.split(/[\s'’-]+/).filter((w) => w.length > 2 || /^[A-ZÀ-Ý]/.test(w))
  const initials = (words.length >= 2 ? words[0]![0]! + words[words.length - 1]![0]! : kit.name.slice(0, 2)).toLocaleUpperCase('fr-FR')
  const text: SvgElement = {
    kind: 'element', name: 'text', children: [{ kind: 'text', value: escapeXml(initials) }],
    attrs: { x: fmt(cx), y: fmt(cy + r * 0.27), 'text-anchor': 'middle', 'font-size': fmt(r * 0.8), fill: contrast(disc, kit.palette.dark) >= contrast(disc, kit.palette.light) ? kit.palette.dark : kit.palette.light },
  }
  pin(text)
  return {
    kind: 'element', name: 'g', attrs: {},
    children: [{ kind: 'element', name: 'circle', attrs: { cx: fmt(cx), cy: fmt(cy), r: fmt(r), fill: disc }, children: [] }, text],
  }
}
