import { ValidationError } from '@maison/errors'
import { FONT_FAMILIES, familyByName, pickFace, type FontFace, type FontFamily } from '../fonts.ts'
import { fitText, type Box, type FitResult } from '../fit-text.ts'
import { describe, fmt, numAttr } from '../svg/attrs.ts'
import { escapeXml, type SvgElement } from '../svg/tree.ts'
import type { BrandKit, FontRole } from '../brand-kit.ts'
import type { TextMeasurer } from '../measure.ts'

/** Where a fitted text went: kept so tests and the editor can check it against its slot. */
export interface PlacedText {
  slot: string
  box: Box
  fit: FitResult
  /** The size the designer chose, before fitting shrank it. */
  maxSize: number
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
export function fillTextSlot(el: SvgElement, text: string, kit: BrandKit, measurer: TextMeasurer): PlacedText {
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
  pinFace(el, family, face)
  el.attrs['font-size'] = fmt(fit.size)
  el.attrs['text-anchor'] = align === 'middle' ? 'middle' : align === 'end' ? 'end' : 'start'
  if (letterSpacing) el.attrs['letter-spacing'] = fmt(letterSpacing * fit.size)
  el.attrs['xml:space'] = 'preserve'
  el.children = fit.lines.map((line, i) => ({
    kind: 'element' as const,
    name: 'tspan',
    attrs: { x: fmt(anchorX), y: fmt(top + m.ascent * fit.size + i * lineStep) },
    children: [{ kind: 'text' as const, value: escapeXml(line) }],
  }))
  const slot = el.attrs['data-field'] ?? (el.attrs['data-label'] ? `label:${el.attrs['data-label']}` : `kit:${el.attrs['data-kit-text'] ?? ''}`)
  return { slot, box, fit, maxSize }
}
