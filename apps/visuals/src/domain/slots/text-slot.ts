import { ValidationError } from '@maison/errors'
import { FONT_FAMILIES, familyByName, pickFace, type FontFace, type FontFamily } from '../fonts.ts'
import { fitText, type Box, type FitResult } from '../fit-text.ts'
import { describe, fmt, numAttr } from '../svg/attrs.ts'
import { escapeXml, unescapeXml, type SvgElement } from '../svg/tree.ts'
import type { BrandKit, FontRole } from '../brand-kit.ts'
import type { TextMeasurer } from '../measure.ts'
import { outlineText, type OutlineLine, type OutlinedText } from '../text-paths.ts'

/** Where a fitted text went: kept so tests and the editor can check it against its slot. */
export interface PlacedText {
  slot: string
  box: Box
  fit: FitResult
  /** The size the designer chose, before fitting shrank it. */
  maxSize: number
  /** Ink box of the glyphs in user units, when the text was drawn as outlines (null: nothing drawn). */
  ink?: { x0: number; y0: number; x1: number; y1: number } | null
}

/** The face a text element asks for, through `data-font` (a kit role) or `font-family`. */
export function faceOf(el: SvgElement, kit: BrandKit, inherited: { family?: string; weight?: string; style?: string } = {}): { family: FontFamily; face: FontFace } {
  const role = el.attrs['data-font'] as FontRole | undefined
  let family: FontFamily
  if (role) {
    if (role !== 'heading' && role !== 'body') throw new ValidationError(`<${el.name}${describe(el)}> has data-font="${role}"; expected heading or body.`)
    family = FONT_FAMILIES[kit.fonts[role]]
  } else {
    family = familyByName((el.attrs['font-family'] ?? inherited.family ?? 'Inter').split(',')[0]!)
  }
  const weightRaw = el.attrs['font-weight'] ?? inherited.weight ?? '400'
  const weight = weightRaw === 'bold' ? 700 : weightRaw === 'normal' ? 400 : Number(weightRaw) || 400
  const italic = (el.attrs['font-style'] ?? inherited.style) === 'italic'
  return { family, face: pickFace(family, weight, italic) }
}

/** Sets a text element's family, weight and style explicitly to one bundled face, so no renderer guesses. */
export function pinFace(el: SvgElement, family: FontFamily, face: FontFace): void {
  el.attrs['font-family'] = `'${family.family}'`
  el.attrs['font-weight'] = String(face.weight)
  el.attrs['font-style'] = face.italic ? 'italic' : 'normal'
}

/** Replaces a text slot's content with `text`, wrapped and shrunk to fit its `data-box`. */
export function fillTextSlot(el: SvgElement, text: string, kit: BrandKit, measurer: TextMeasurer, outline = false): PlacedText {
  const boxRaw = (el.attrs['data-box'] ?? '').trim().split(/[\s,]+/).map(Number)
  if (boxRaw.length !== 4 || boxRaw.some((n) => !Number.isFinite(n)) || boxRaw[2]! <= 0 || boxRaw[3]! <= 0) {
    throw new ValidationError(`<text${describe(el)}> needs data-box="x y width height".`)
  }
  const [x, y, width, height] = boxRaw as [number, number, number, number]
  const box = { x, y, width, height }
  const { family, face } = faceOf(el, kit)
  const maxSize = numAttr(el, 'font-size', 48)
  const letterSpacing = numAttr(el, 'data-letter-spacing', 0)
  const shaped = el.attrs['data-case'] === 'upper' ? text.toLocaleUpperCase('fr-FR') : text
  const fit = fitText({
    text: shaped, box, face,
    maxLines: numAttr(el, 'data-max-lines', 1),
    maxSize,
    minSize: Math.min(maxSize, numAttr(el, 'data-min-size', Math.round(maxSize * 0.4))),
    lineHeight: numAttr(el, 'data-line-height', 1.15),
    letterSpacing,
  }, measurer)

  const m = measurer.metrics(face)
  const align = el.attrs['data-align'] ?? 'start'
  const valign = el.attrs['data-valign'] ?? 'top'
  const anchorX = align === 'middle' ? x + width / 2 : align === 'end' ? x + width : x
  const free = height - fit.blockHeight
  const top = y + (valign === 'middle' ? free / 2 : valign === 'bottom' ? free : 0)
  const lineStep = numAttr(el, 'data-line-height', 1.15) * fit.size

  for (const k of ['x', 'y', 'dx', 'dy', 'textLength', 'lengthAdjust']) delete el.attrs[k]
  const slot = el.attrs['data-field'] ?? (el.attrs['data-label'] ? `label:${el.attrs['data-label']}` : `kit:${el.attrs['data-kit-text'] ?? ''}`)
  const lines: OutlineLine[] = fit.lines.map((line, i) => ({ text: line, x: anchorX, y: top + m.ascent * fit.size + i * lineStep }))
  const outlined = outline && outlineSafe(el, true) ? outlineText(face, fit.size, lines, align === 'middle' ? 'middle' : align === 'end' ? 'end' : 'start', letterSpacing * fit.size) : null
  if (outlined) {
    asOutlines(el, outlined.d, outlined.scale)
    return { slot, box, fit, maxSize, ink: outlined.ink }
  }
  pinFace(el, family, face)
  el.attrs['font-size'] = fmt(fit.size)
  el.attrs['text-anchor'] = align === 'middle' ? 'middle' : align === 'end' ? 'end' : 'start'
  if (letterSpacing) el.attrs['letter-spacing'] = fmt(letterSpacing * fit.size)
  el.attrs['xml:space'] = 'preserve'
  el.children = lines.map((line) => ({
    kind: 'element' as const,
    name: 'tspan',
    attrs: { x: fmt(line.x), y: fmt(line.y) },
    children: [{ kind: 'text' as const, value: escapeXml(line.text) }],
  }))
  return { slot, box, fit, maxSize }
}

// What a <text> carries that a group of paths has no use for (or would pass on to other content).
const TEXT_ONLY = ['x', 'y', 'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust', 'font-family', 'font-weight', 'font-style', 'font-size', 'text-anchor', 'letter-spacing', 'word-spacing', 'xml:space']

/**
 * Turns a `<text>` into a group holding its glyph outlines as one path (raster outputs: resvg then needs no fonts).
 * Paint, opacity, transform and clipping stay on the group, so the text looks as resvg drew it.
 */
export function asOutlines(el: SvgElement, d: string, scale: number): void {
  for (const k of TEXT_ONLY) delete el.attrs[k]
  el.name = 'g'
  const s = String(scale)
  el.children = d ? [{ kind: 'element', name: 'path', attrs: { transform: `matrix(${s} 0 0 ${s} 0 0)`, d }, children: [] }] : []
}

// Attributes under which a text's outlines could look different from resvg's own text: text layout resvg does
// differently from our placement, strokes (their width would scale with the glyph transform), paints sized to the
// text's box, CSS. A text that has one of them, or sits under an element that has one, stays real text.
const TEXT_LAYOUT = ['style', 'class', 'letter-spacing', 'word-spacing', 'text-anchor', 'font-size', 'dominant-baseline', 'alignment-baseline', 'baseline-shift', 'writing-mode', 'direction', 'unicode-bidi', 'text-decoration', 'font-variant', 'font-stretch', 'font-kerning', 'font-feature-settings', 'text-rendering', 'filter', 'mask', 'stroke', 'stroke-width']

/** Whether an element lets the texts it holds (or is) be drawn as outlines; `own` skips what a text slot sets itself. */
export function outlineSafe(el: SvgElement, own = false): boolean {
  for (const k of TEXT_LAYOUT) {
    if (el.attrs[k] === undefined) continue
    if (own && (k === 'font-size' || k === 'text-anchor')) continue
    if (k === 'stroke' && el.attrs[k] === 'none') continue
    return false
  }
  return !/url\(/.test(el.attrs.fill ?? '')
}

/**
 * Outlines a plain `<text x y font-size>` holding one run of text (a template's fixed text, the logo's initials);
 * leaves anything richer (tspans, spacing, collapsed whitespace, a glyph the face lacks) as text. Answers the glyphs'
 * ink box (null when nothing is drawn), or undefined when the text stays text.
 */
export function outlineStaticText(el: SvgElement, face: FontFace): OutlinedText['ink'] | undefined {
  if (!el.children.every((c) => c.kind === 'text')) return undefined
  const text = el.children.map((c) => (c.kind === 'text' ? (c.cdata ? c.value : unescapeXml(c.value)) : '')).join('')
  if (!/^\S(?:[^\t\n\r]*\S)?$/.test(text) || / {2}/.test(text)) return undefined
  if (!outlineSafe(el, true) || ['dx', 'dy', 'rotate', 'textLength'].some((k) => el.attrs[k] !== undefined)) return undefined
  const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : /^-?[\d.]+(?:e-?\d+)?$/i.test(v.trim()) ? Number(v) : NaN)
  const x = num(el.attrs.x, 0)
  const y = num(el.attrs.y, 0)
  const size = num(el.attrs['font-size'], NaN)
  const anchor = el.attrs['text-anchor'] ?? 'start'
  if (![x, y, size].every(Number.isFinite) || (anchor !== 'start' && anchor !== 'middle' && anchor !== 'end')) return undefined
  const outlined = outlineText(face, size, [{ text, x, y }], anchor, 0)
  if (!outlined) return undefined
  asOutlines(el, outlined.d, outlined.scale)
  return outlined.ink
}
