import { ValidationError, type FieldError } from '@maison/errors'
import { isPaletteRole, roleOfColour, type BrandKit, type PaletteRole } from './brand-kit.ts'
import { readRasterDataUrl, type RasterImage } from './images.ts'
import type { FieldSpec, Template } from './template.ts'

/** An image placed in a slot: `cover` fills and crops around the focus point, `contain` shows it whole. */
export interface ImageValue {
  image: RasterImage
  fit: 'cover' | 'contain'
  /** Point of the image kept in view when cropping, 0–1 from the left/top. */
  focusX: number
  focusY: number
  /** Extra zoom on top of the fit, 1–4. */
  zoom: number
}

export type FieldValue =
  | { type: 'text' | 'choice'; text: string }
  | { type: 'image'; value: ImageValue | null }
  | { type: 'color'; role: PaletteRole }
  | { type: 'logo'; show: boolean }
  | { type: 'qr'; text: string }

export type ResolvedFields = ReadonlyMap<string, FieldValue>

/**
 * Checks every supplied value against the template's fields and fills in the defaults.
 * @throws ValidationError naming each offending field
 */
export function resolveFields(template: Template, input: Record<string, unknown>, kit: BrandKit): ResolvedFields {
  const errors: FieldError[] = []
  const known = new Set(template.fields.map((f) => f.id))
  for (const id of Object.keys(input)) {
    if (!known.has(id)) errors.push({ path: `fields.${id}`, message: `unknown field; this template has: ${[...known].join(', ') || 'none'}` })
  }
  const out = new Map<string, FieldValue>()
  for (const spec of template.fields) {
    try {
      out.set(spec.id, resolveOne(spec, input[spec.id], template, kit))
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      errors.push(...(err.errors ?? [{ path: `fields.${spec.id}`, message: err.message }]))
    }
  }
  if (errors.length) throw new ValidationError('Some fields are not valid for this template.', { errors })
  return out
}

function fail(spec: FieldSpec, message: string): never {
  throw new ValidationError(message, { errors: [{ path: `fields.${spec.id}`, message }] })
}

function resolveOne(spec: FieldSpec, raw: unknown, template: Template, kit: BrandKit): FieldValue {
  const lang = template.language
  switch (spec.type) {
    case 'text': {
      if (raw === undefined || raw === null) return { type: 'text', text: spec.default[lang] }
      if (typeof raw !== 'string') fail(spec, 'expected a string')
      const text = cleanText(raw)
      if ([...text].length > spec.maxLength) fail(spec, `at most ${spec.maxLength} characters`)
      return { type: 'text', text }
    }
    case 'choice': {
      const options = spec.options[lang]
      if (raw === undefined || raw === null) return { type: 'choice', text: options[0]! }
      if (typeof raw !== 'string' || !options.includes(raw)) fail(spec, `expected one of: ${options.join(' | ')}`)
      return { type: 'choice', text: raw }
    }
    case 'color': {
      if (raw === undefined || raw === null) return { type: 'color', role: spec.default }
      if (typeof raw !== 'string') fail(spec, 'expected a palette role or a colour of the brand kit')
      const role = isPaletteRole(raw) ? raw : roleOfColour(kit, raw)
      if (!role) fail(spec, `colours are limited to the brand kit: ${Object.entries(kit.palette).map(([r, c]) => `${r} (${c})`).join(', ')}`)
      return { type: 'color', role }
    }
    case 'logo':
      if (raw === undefined || raw === null) return { type: 'logo', show: true }
      if (typeof raw !== 'boolean') fail(spec, 'expected true (show the kit logo) or false (hide it)')
      return { type: 'logo', show: raw }
    case 'qr': {
      if (raw === undefined || raw === null) return { type: 'qr', text: spec.default }
      if (typeof raw !== 'string' || raw.length > 512) fail(spec, 'expected a link or text of at most 512 characters')
      return { type: 'qr', text: raw.trim() }
    }
    case 'image':
      return { type: 'image', value: resolveImage(spec, raw) }
  }
}

function resolveImage(spec: FieldSpec, raw: unknown): ImageValue | null {
  if (raw === undefined || raw === null || raw === '') return null
  const obj = typeof raw === 'string' ? { src: raw } : raw
  if (typeof obj !== 'object') fail(spec, 'expected a data URL or { src, fit?, focusX?, focusY?, zoom? }')
  const { src, fit = 'cover', focusX = 0.5, focusY = 0.5, zoom = 1 } = obj as Record<string, unknown>
  if (typeof src !== 'string') fail(spec, 'src: expected a PNG or JPEG data URL')
  if (fit !== 'cover' && fit !== 'contain') fail(spec, 'fit: expected "cover" or "contain"')
  for (const [k, v, lo, hi] of [['focusX', focusX, 0, 1], ['focusY', focusY, 0, 1], ['zoom', zoom, 1, 4]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) fail(spec, `${k}: expected a number from ${lo} to ${hi}`)
  }
  return { image: readRasterDataUrl(src, `fields.${spec.id}.src`), fit, focusX: focusX as number, focusY: focusY as number, zoom: zoom as number }
}

// Control characters would be invalid in XML; line breaks are kept as the author's own breaks.
function cleanText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ').replace(/[ \t]+/g, ' ').trim()
}
