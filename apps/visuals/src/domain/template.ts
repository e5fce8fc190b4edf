import { z } from 'zod'
import { SIZE_IDS, type SizeId } from './sizes.ts'
import { PALETTE_ROLES } from './brand-kit.ts'
import type { SvgElement } from './svg/tree.ts'

export const LANGUAGES = ['en', 'fr'] as const
export type Language = (typeof LANGUAGES)[number]

const localized = z.object({ en: z.string().min(1), fr: z.string().min(1) })
const fieldBase = { id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'expected a lower-case identifier'), label: localized }

/** The editable parts a manifest may declare. Everything else in the SVG is locked. */
export const fieldSchema = z.discriminatedUnion('type', [
  z.object({ ...fieldBase, type: z.literal('text'), maxLength: z.number().int().min(1).max(2000).default(200), default: localized }),
  z.object({ ...fieldBase, type: z.literal('choice'), options: z.object({ en: z.array(z.string().min(1)).min(1), fr: z.array(z.string().min(1)).min(1) }) }),
  z.object({ ...fieldBase, type: z.literal('image') }),
  z.object({ ...fieldBase, type: z.literal('color'), default: z.enum(PALETTE_ROLES) }),
  z.object({ ...fieldBase, type: z.literal('logo') }),
  z.object({ ...fieldBase, type: z.literal('qr'), default: z.string().max(512).default('') }),
])
export type FieldSpec = z.infer<typeof fieldSchema>
export type FieldType = FieldSpec['type']

/** A template manifest (templates/{id}/template.json); one manifest yields one template per language. */
export const manifestSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/),
  name: localized,
  description: localized,
  category: z.enum(['event', 'meeting', 'statement', 'membership', 'social', 'banner']),
  layouts: z.array(z.object({ file: z.string().regex(/^[a-z0-9-]+\.svg$/), sizes: z.array(z.enum(SIZE_IDS)).min(1) })).min(1),
  fields: z.array(fieldSchema),
  /** Fixed texts of the layout (`data-label`), translated per variant. */
  labels: z.record(z.string(), localized).default({}),
})
export type Manifest = z.infer<typeof manifestSchema>

/** A template ready to render: one language variant, its layouts parsed. */
export interface Template {
  /** `{manifest id}-{language}`, e.g. `event-poster-fr`. */
  id: string
  family: string
  language: Language
  name: string
  description: string
  category: Manifest['category']
  fields: FieldSpec[]
  labels: Record<string, string>
  layouts: ReadonlyMap<SizeId, SvgElement>
  /** Uploaded by the space's admins rather than shipped. */
  custom?: boolean
}
