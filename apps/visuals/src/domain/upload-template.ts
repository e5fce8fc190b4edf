import { randomBytes } from 'node:crypto'
import { ValidationError, fieldErrorsFromZod } from '@maison/errors'
import { authoringSchema, authorTemplate, inspectSvg, type TemplatePart } from './authoring.ts'
import { sanitizeSvg } from './svg/sanitize.ts'
import { serializeSvg } from './svg/tree.ts'
import type { Renderer } from './render-visual.ts'
import type { SpaceTemplateRepository, StoredTemplate } from './space-templates.ts'
import type { SizeId } from './sizes.ts'

/** A space keeps at most this many uploaded templates; each is parsed on every catalogue read. */
export const MAX_SPACE_TEMPLATES = 100
const PREVIEW_SIDE = 480

/** What an admin sees after choosing an SVG: its size, the parts that can become fields, the formats it fits, a preview. */
export interface Inspection {
  width: number
  height: number
  parts: TemplatePart[]
  sizes: SizeId[]
  preview: Buffer
}

/**
 * Sanitises an uploaded SVG, lists its markable parts and draws it (under the render time limit).
 * @throws UnsafeSvg with the reason the file was refused
 */
export async function inspectTemplate(renderer: Renderer, svg: string): Promise<Inspection> {
  const found = inspectSvg(svg)
  const { tree } = sanitizeSvg(svg)
  const scale = Math.min(1, PREVIEW_SIDE / Math.max(found.width, found.height))
  const preview = await renderer.run({ kind: 'svg', svg: serializeSvg(tree), size: { width: found.width, height: found.height }, type: 'png', pixelWidth: Math.max(1, Math.round(found.width * scale)) })
  return { ...found, preview }
}

/**
 * Stores an uploaded template in the space, as `custom-{name}-{random}`.
 * @throws ValidationError for bad input or too many templates; UnsafeSvg for a refused file
 */
export function uploadTemplate(repo: SpaceTemplateRepository, body: unknown, username: string, now: Date): StoredTemplate {
  const parsed = authoringSchema.safeParse(body)
  if (!parsed.success) throw new ValidationError('The template is not valid.', { errors: fieldErrorsFromZod(parsed.error.issues) })
  if (repo.list().length >= MAX_SPACE_TEMPLATES) throw new ValidationError(`This space already has ${MAX_SPACE_TEMPLATES} uploaded templates; remove one first.`)
  const slug = parsed.data.name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 24) || 'template'
  const id = `custom-${slug}-${randomBytes(3).toString('hex')}`
  const authored = authorTemplate(parsed.data, id)
  const stored: StoredTemplate = { id, manifest: authored.manifest, svg: authored.svg, createdBy: username, createdAt: now.toISOString() }
  repo.insert(stored)
  return stored
}
