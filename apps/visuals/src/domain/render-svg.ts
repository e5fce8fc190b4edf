import { ValidationError } from '@maison/errors'
import { FONT_FAMILIES, pickFace } from './fonts.ts'
import { fontkitMeasurer, type TextMeasurer } from './measure.ts'
import { resolveFields, type ResolvedFields } from './fields.ts'
import { resolveColour } from './colours.ts'
import { readRasterDataUrl } from './images.ts'
import { SIZES, type SizeId } from './sizes.ts'
import { cloneTree, serializeSvg, type SvgElement, type SvgNode } from './svg/tree.ts'
import { stripDataAttrs, describe, rectOf } from './svg/attrs.ts'
import { faceOf, fillTextSlot, outlineSafe, outlineStaticText, pinFace, type PlacedText } from './slots/text-slot.ts'
import { fillImageSlot, fillLogoSlot, type ImagePlacement, type ImagePreparer, type PreparedImage, type Rect } from './slots/image-slot.ts'
import { fillQrSlot } from './slots/qr-slot.ts'
import type { BrandKit } from './brand-kit.ts'
import type { Template } from './template.ts'
import { inkRect, SlotPartsCollector, textRegion, type SlotParts } from './slot-parts.ts'

/** The final SVG and where each text landed. */
export interface Layout {
  svg: string
  width: number
  height: number
  /** The layout's own coordinate space (its viewBox); text boxes are in these units. */
  viewBox: { width: number; height: number }
  texts: PlacedText[]
  /** The SVG cut into slot fragments and the rest, when asked for (`LayoutOptions.parts`) and the layout allows it. */
  parts?: SlotParts
}

interface Ctx {
  template: Template
  fields: ResolvedFields
  kit: BrandKit
  measurer: TextMeasurer
  texts: PlacedText[]
  clips: number
  prepareImage?: ImagePreparer
  /** Texts are drawn as glyph outlines (raster outputs), where nothing around them could make that look different. */
  outline: boolean
  parts?: SlotPartsCollector
}

interface Inherited {
  family?: string
  weight?: string
  style?: string
  /** Some ancestor moves or scales its content, so user units no longer map to output pixels by the root's scale alone. */
  transformed?: boolean
  /** Some ancestor sets text layout, strokes or CSS that outlines would not reproduce. */
  textUnsafe?: boolean
  /** Inside an element that is drawn only where referenced (defs, clip paths, patterns…). */
  hidden?: boolean
}

/** Options of a layout made for one raster output. */
export interface LayoutOptions {
  measurer?: TextMeasurer
  /**
   * Called for each photo whose ancestors add no transform, with the layout's viewBox (its user units map to
   * output pixels by one scale per axis), to draw a copy prepared for the output instead.
   */
  prepareImage?: (placement: ImagePlacement, viewBox: { width: number; height: number }) => PreparedImage | null
  /**
   * Draw texts as glyph outlines (paths) positioned by our own shaping, so a rasterizer needs no fonts; texts whose
   * surroundings outlines would not reproduce (CSS, strokes, spacing set on a group) stay text. Not for PDF.
   */
  textAsPaths?: boolean
  /** Also answer the SVG cut into slot fragments and their regions (for redrawing only what a field changed). */
  parts?: boolean
}

/**
 * Fills a template's layout for one size with field values and a brand kit: the complete, self-contained SVG.
 * @throws ValidationError when the size is not offered or a field value is invalid
 */
export function renderSvg(template: Template, size: SizeId, fields: Record<string, unknown>, kit: BrandKit): string {
  return layoutSvg(template, size, fields, kit).svg
}

/** As `renderSvg`, also reporting the fitted text boxes. */
export function layoutSvg(template: Template, size: SizeId, fields: Record<string, unknown>, kit: BrandKit, options: LayoutOptions = {}): Layout {
  const measurer = options.measurer ?? fontkitMeasurer
  const source = template.layouts.get(size)
  if (!source) {
    const offered = [...template.layouts.keys()].join(', ')
    throw new ValidationError(`The template ${template.id} has no ${size} format; it offers: ${offered}.`, { errors: [{ path: 'size', message: `expected one of: ${offered}` }] })
  }
  const root = cloneTree(source)
  const viewBox = viewBoxOf(root)
  const spec = SIZES[size]
  // A viewBox of another aspect ratio than the size is letterboxed: its offset is not worth modelling here.
  const uniform = Math.abs(viewBox.width * spec.height - viewBox.height * spec.width) < 1e-6 * viewBox.width * spec.height && !root.attrs.preserveAspectRatio && !root.attrs.transform
  // A <style> sheet may restyle any text, which outlines would not follow.
  const outline = options.textAsPaths === true && !hasStyleSheet(root)
  const ctx: Ctx = { template, fields: resolveFields(template, fields, kit), kit, measurer, texts: [], clips: 0, outline }
  const prepare = options.prepareImage
  if (uniform && prepare) ctx.prepareImage = (p) => prepare(p, viewBox)
  // A pattern's tiles are drawn relative to the canvas it fills; that a crop draws them alike is not verified.
  if (uniform && options.parts && !hasElement(root, 'pattern')) ctx.parts = new SlotPartsCollector()
  root.attrs.width = String(spec.width)
  root.attrs.height = String(spec.height)
  root.attrs.viewBox = `0 0 ${viewBox.width} ${viewBox.height}`
  root.attrs.xmlns = 'http://www.w3.org/2000/svg'
  root.children = processChildren(root, ctx, {})
  stripDataAttrs(root)
  const base = { width: spec.width, height: spec.height, viewBox, texts: ctx.texts }
  if (!ctx.parts) return { ...base, svg: serializeSvg(root) }
  return { ...base, ...ctx.parts.finish(serializeSvg(root), serializeSvg) }
}

function viewBoxOf(root: SvgElement): { width: number; height: number } {
  const vb = root.attrs.viewBox?.trim().split(/[\s,]+/).map(Number)
  if (vb?.length === 4 && vb[0] === 0 && vb[1] === 0 && vb[2]! > 0 && vb[3]! > 0) return { width: vb[2]!, height: vb[3]! }
  throw new ValidationError('A template layout needs viewBox="0 0 width height".')
}

function processChildren(parent: SvgElement, ctx: Ctx, inherited: Inherited): SvgNode[] {
  const out: SvgNode[] = []
  const here: Inherited = {
    family: parent.attrs['font-family'] ?? inherited.family,
    weight: parent.attrs['font-weight'] ?? inherited.weight,
    style: parent.attrs['font-style'] ?? inherited.style,
    // The root is entered with nothing inherited: its own viewBox scale is what a preparer accounts for.
    transformed: inherited.transformed === undefined ? false : inherited.transformed || movesContent(parent),
    textUnsafe: inherited.textUnsafe === true || !outlineSafe(parent),
    hidden: inherited.hidden === true || NOT_DRAWN.has(parent.name),
  }
  for (const child of parent.children) {
    if (child.kind === 'text') out.push(child)
    else {
      const replaced = processElement(child, ctx, here)
      if (!replaced) continue
      if (!here.hidden) ctx.parts?.noteDrawn(replaced, here.transformed === true)
      out.push(ctx.parts ? ctx.parts.placeholder(replaced) : replaced)
    }
  }
  return out
}

function processElement(el: SvgElement, ctx: Ctx, inherited: Inherited): SvgElement | null {
  for (const attr of ['fill', 'stroke', 'stop-color'] as const) {
    const binding = el.attrs[`data-${attr}`]
    if (binding) el.attrs[attr] = resolveColour(binding, ctx.kit, ctx.fields)
  }
  const fieldId = el.attrs['data-field']
  const labelId = el.attrs['data-label']
  const kitText = el.attrs['data-kit-text']
  let result: SvgElement | null = el
  if (fieldId) {
    const texts = ctx.texts.length
    result = fillField(el, fieldId, ctx, inherited)
    if (ctx.parts && result) ctx.parts.mark(result, slotRegion(el, inherited, ctx.texts.length > texts ? textRegion(ctx.texts.at(-1)!) : frameOf(el)))
  } else if (kitText) {
    if (kitText !== 'name') throw new ValidationError(`data-kit-text="${kitText}" is not known; the brand kit offers: name.`)
    ctx.texts.push(fillTextSlot(el, ctx.kit.name, ctx.kit, ctx.measurer, outlines(ctx, inherited)))
    ctx.parts?.mark(el, slotRegion(el, inherited, textRegion(ctx.texts.at(-1)!)))
  } else if (labelId) {
    const label = ctx.template.labels[labelId]
    if (label === undefined) throw new ValidationError(`The layout uses data-label="${labelId}", which the manifest does not translate.`)
    ctx.texts.push(fillTextSlot(el, label, ctx.kit, ctx.measurer, outlines(ctx, inherited)))
    ctx.parts?.mark(el, slotRegion(el, inherited, textRegion(ctx.texts.at(-1)!)))
  } else if (el.name === 'text') {
    const { family, face } = faceOf(el, ctx.kit, inherited)
    pinFace(el, family, face)
    const ink = outlines(ctx, inherited) ? outlineStaticText(el, face) : undefined
    // Outlined, the text is a part of known extent; real text draws where its font says, which spoils the cut.
    if (!inherited.hidden) ctx.parts?.mark(el, ink === undefined ? null : inkRect(ink) ?? { x: 0, y: 0, width: 0, height: 0 })
    if (result) stripDataAttrs(result)
    return result
  }
  if (result === el && !fieldId && !labelId && !kitText && el.name !== 'text') el.children = processChildren(el, ctx, inherited)
  if (result) stripDataAttrs(result)
  return result
}

function fillField(el: SvgElement, fieldId: string, ctx: Ctx, inherited: Inherited): SvgElement | null {
  const transformed = inherited.transformed === true
  const value = ctx.fields.get(fieldId)
  if (!value) throw new ValidationError(`The layout element <${el.name}${describe(el)}> refers to a field the manifest does not declare.`)
  switch (value.type) {
    case 'text':
    case 'choice':
      ctx.texts.push(fillTextSlot(el, value.text, ctx.kit, ctx.measurer, outlines(ctx, inherited)))
      return el
    case 'image':
      return value.value ? fillImageSlot(el, value.value, `maison-clip-${fieldId}-${ctx.clips++}`, transformed ? undefined : ctx.prepareImage) : el
    case 'logo': {
      if (!value.show) return null
      const logo = ctx.kit.logo ? readRasterDataUrl(ctx.kit.logo, 'brandKit.logo') : null
      const family = FONT_FAMILIES[ctx.kit.fonts.heading]
      const face = pickFace(family, 800)
      return fillLogoSlot(el, logo, ctx.kit, (text) => {
        pinFace(text, family, face)
        if (outlines(ctx, inherited) && outlineSafe(el)) outlineStaticText(text, face)
      })
    }
    case 'qr': {
      if (!value.text) return null
      const light = el.attrs['data-light'] ? resolveColour(el.attrs['data-light'], ctx.kit, ctx.fields) : '#ffffff'
      return fillQrSlot(el, value.text, el.attrs.fill ?? ctx.kit.palette.dark, light)
    }
    case 'color':
      throw new ValidationError(`The colour field ${fieldId} is applied with data-fill="${fieldId}", not data-field.`)
  }
}

// Only plain groups keep their children in the root's coordinates; anything else (a transform, a nested
// viewport, a pattern or mask) may move, scale or repeat them.
function movesContent(el: SvgElement): boolean {
  if (el.name !== 'g' && el.name !== 'a') return true
  return el.attrs.transform !== undefined || /transform/i.test(el.attrs.style ?? '')
}

function outlines(ctx: Ctx, inherited: Inherited): boolean {
  return ctx.outline && inherited.textUnsafe !== true
}

function hasStyleSheet(el: SvgElement): boolean {
  return hasElement(el, 'style')
}

function hasElement(el: SvgElement, name: string): boolean {
  return el.children.some((c) => c.kind === 'element' && (c.name.replace(/^svg:/i, '').toLowerCase() === name || hasElement(c, name)))
}

// A slot's region holds only while its user units map straight to output pixels and nothing it draws spreads past it.
function slotRegion(el: SvgElement, inherited: Inherited, region: Rect | null): Rect | null {
  if (!region || inherited.transformed || el.attrs.transform !== undefined || el.attrs.filter !== undefined) return null
  if (el.attrs.stroke !== undefined && el.attrs.stroke !== 'none') return null
  return region
}

// Image, logo and QR slots draw inside their frame.
function frameOf(el: SvgElement): Rect | null {
  try {
    return rectOf(el)
  } catch {
    return null
  }
}

const NOT_DRAWN = new Set(['defs', 'clipPath', 'mask', 'pattern', 'marker', 'symbol', 'linearGradient', 'radialGradient', 'filter'])
