import { ValidationError, type FieldError } from '@maison/errors'
import { z } from 'zod'
import { sanitizeSvg } from './svg/sanitize.ts'
import { serializeSvg, walk, textContent, unescapeXml, type SvgElement } from './svg/tree.ts'
import { numAttr } from './svg/attrs.ts'
import { manifestSchema, type Manifest } from './template.ts'
import { SIZES, SIZE_IDS, type SizeId } from './sizes.ts'
import { PALETTE_ROLES } from './brand-kit.ts'
import { FONT_FAMILIES } from './fonts.ts'

/** An element of an uploaded SVG that could become editable: it has an id or a data-field. */
export interface TemplatePart {
  part: string
  element: string
  /** The field type this element suits best. */
  suggested: 'text' | 'image' | 'color'
  /** Current text, for text elements. */
  text?: string
}

/** What an admin sends to turn an uploaded SVG into a template. */
export const authoringSchema = z.object({
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(200).default(''),
  category: z.enum(['event', 'meeting', 'statement', 'membership', 'social', 'banner']).default('social'),
  size: z.enum(SIZE_IDS),
  svg: z.string().min(1),
  fields: z.array(z.object({
    part: z.string().min(1).max(80),
    type: z.enum(['text', 'image', 'logo', 'qr', 'color']),
    label: z.string().trim().min(1).max(60),
    maxLength: z.number().int().min(1).max(500).optional(),
    maxLines: z.number().int().min(1).max(10).optional(),
  })).max(30),
})
export type AuthoringInput = z.infer<typeof authoringSchema>

/** An uploaded template, ready to store: its manifest and its marked-up layout. */
export interface AuthoredTemplate {
  manifest: Manifest
  svg: string
}

// Aspect ratios within 2% count as the same format (designers export 1080×1081 now and then).
const ASPECT_TOLERANCE = 0.02

/**
 * Sanitises an uploaded SVG and lists the parts that can be made editable.
 * @throws UnsafeSvg with the reason the file was refused
 */
export function inspectSvg(svg: string): { width: number; height: number; parts: TemplatePart[]; sizes: SizeId[] } {
  const { tree, width, height } = sanitizeSvg(svg)
  const parts: TemplatePart[] = []
  walk(tree, (el) => {
    const part = el.attrs['data-field'] ?? el.attrs.id
    if (!part || el === tree) return
    const suggested = el.name === 'text' ? 'text' : el.name === 'rect' || el.name === 'image' ? 'image' : 'color'
    parts.push({ part, element: el.name, suggested, ...(el.name === 'text' ? { text: unescapeXml(textContent(el)).trim().slice(0, 200) } : {}) })
  })
  const sizes = SIZE_IDS.filter((id) => Math.abs(SIZES[id].width / SIZES[id].height / (width / height) - 1) <= ASPECT_TOLERANCE)
  return { width, height, parts, sizes }
}

/**
 * Builds a template from an uploaded SVG: sanitised, each declared part marked as a field (text boxes
 * derived from the text's position when the author gave no `data-box`), checked against the format.
 * @throws UnsafeSvg for a refused file; ValidationError naming each part that cannot be used
 */
export function authorTemplate(input: AuthoringInput, id: string): AuthoredTemplate {
  const { tree, width, height } = sanitizeSvg(input.svg)
  const size = SIZES[input.size]
  if (Math.abs(size.width / size.height / (width / height) - 1) > ASPECT_TOLERANCE) {
    throw new ValidationError(`The SVG is ${Math.round(width)}×${Math.round(height)}, which does not have the proportions of the ${size.name.en} format (${size.width}×${size.height}).`, { errors: [{ path: 'size', message: 'the SVG has other proportions' }] })
  }
  const vb = tree.attrs.viewBox?.trim().split(/[\s,]+/).map(Number)
  const box = vb?.length === 4 && vb[0] === 0 && vb[1] === 0 ? { width: vb[2]!, height: vb[3]! } : { width, height }
  tree.attrs.viewBox = `0 0 ${box.width} ${box.height}`

  const byPart = new Map<string, SvgElement>()
  walk(tree, (el) => {
    const key = el.attrs['data-field'] ?? el.attrs.id
    if (key && el !== tree && !byPart.has(key)) byPart.set(key, el)
  })
  const errors: FieldError[] = []
  const fields: Manifest['fields'] = []
  const used = new Set<string>()
  input.fields.forEach((f, i) => {
    const el = byPart.get(f.part)
    const fieldId = f.part.toLowerCase().replace(/[^a-z0-9_]/g, '_').replace(/^[^a-z]+/, '').slice(0, 40) || `field_${i + 1}`
    const fail = (message: string) => errors.push({ path: `fields.${i}.part`, message })
    if (!el) return fail(`no element has id or data-field "${f.part}"`)
    if (used.has(fieldId)) return fail(`"${f.part}" is used twice`)
    used.add(fieldId)
    const label = { en: f.label, fr: f.label }
    if (f.type === 'text') {
      if (el.name !== 'text') return fail(`a text field must be a <text> element, not <${el.name}>`)
      const current = unescapeXml(textContent(el)).replace(/\s+/g, ' ').trim()
      markText(el, box.width, f.maxLines ?? 1)
      el.attrs['data-field'] = fieldId
      fields.push({ id: fieldId, type: 'text', label, maxLength: f.maxLength ?? 120, default: { en: current || f.label, fr: current || f.label } })
    } else if (f.type === 'color') {
      const fill = el.attrs.fill
      el.attrs['data-fill'] = fieldId
      fields.push({ id: fieldId, type: 'color', label, default: closestRole(fill) })
    } else {
      if (el.name !== 'rect') return fail(`an ${f.type} field must be a <rect> frame, not <${el.name}>`)
      for (const a of ['width', 'height']) if (!(Number(el.attrs[a]) > 0)) return fail(`the <rect> needs a positive ${a}`)
      el.attrs['data-field'] = fieldId
      if (f.type === 'image') el.attrs['data-fit'] ??= 'cover'
      fields.push(f.type === 'qr' ? { id: fieldId, type: 'qr', label, default: '' } : { id: fieldId, type: f.type, label })
    }
  })
  if (errors.length) throw new ValidationError('Some parts cannot be made editable.', { errors })
  useBundledFonts(tree)
  const manifest = manifestSchema.parse({
    id, name: { en: input.name, fr: input.name }, description: { en: input.description || input.name, fr: input.description || input.name },
    category: input.category, layouts: [{ file: 'layout.svg', sizes: [input.size] }], fields, labels: {},
  })
  return { manifest, svg: serializeSvg(tree) }
}

// Only bundled fonts render the same everywhere: a font we do not ship becomes the kit's heading or body font.
function useBundledFonts(tree: SvgElement): void {
  walk(tree, (el) => {
    const family = el.attrs['font-family']
    if (!family) return
    const name = family.split(',')[0]!.trim().replace(/^['"]|['"]$/g, '').toLowerCase()
    if (Object.values(FONT_FAMILIES).some((f) => f.family.toLowerCase() === name || f.id === name)) return
    delete el.attrs['font-family']
    if (el.name === 'text' && !el.attrs['data-font']) el.attrs['data-font'] = Number(el.attrs['font-weight'] ?? 400) >= 600 || el.attrs['font-weight'] === 'bold' ? 'heading' : 'body'
  })
}

// A text without a data-box gets one line from its baseline's left to the right margin it already keeps.
function markText(el: SvgElement, viewWidth: number, maxLines: number): void {
  const size = numAttr(el, 'font-size', 48)
  el.attrs['data-max-lines'] ??= String(maxLines)
  if (el.attrs['data-box']) return
  const anchor = el.attrs['text-anchor'] ?? 'start'
  const x = numAttr(el, 'x', 0)
  const y = numAttr(el, 'y', size)
  const margin = anchor === 'middle' ? Math.min(x, viewWidth - x) : anchor === 'end' ? x : viewWidth - x
  const width = Math.max(size, anchor === 'middle' ? margin * 2 : anchor === 'end' ? x - Math.max(0, viewWidth * 0.05) : margin - viewWidth * 0.05)
  const left = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x
  const height = size * (1.2 * maxLines)
  el.attrs['data-box'] = `${left} ${y - size * 0.95} ${width} ${height}`
  if (anchor === 'middle') el.attrs['data-align'] = 'middle'
  if (anchor === 'end') el.attrs['data-align'] = 'end'
}

function closestRole(fill: string | undefined): (typeof PALETTE_ROLES)[number] {
  if (!fill || !/^#[0-9a-f]{6}$/i.test(fill)) return 'primary'
  const v = parseInt(fill.slice(1), 16)
  const lum = 0.2126 * (v >> 16) + 0.7152 * ((v >> 8) & 255) + 0.0722 * (v & 255)
  return lum < 50 ? 'dark' : lum > 215 ? 'light' : 'primary'
}
