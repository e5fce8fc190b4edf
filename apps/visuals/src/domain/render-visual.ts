import { SIZES, type SizeId } from './sizes.ts'
import { RenderTooLarge } from './errors.ts'
import type { BrandKit } from './brand-kit.ts'
import type { TemplateCatalogue } from './catalogue.ts'
import type { Template } from './template.ts'
import type { RenderTask } from '../render/task.ts'
import type { OutputType } from '../render/rasterize.ts'

/** Runs render tasks with a time limit (the worker pool in production). */
export interface Renderer {
  run(task: RenderTask): Promise<Buffer>
}

export interface RenderRequest {
  template: string
  size: SizeId
  type: OutputType
  fields: Record<string, unknown>
  /** Multiplies the nominal pixel size (PNG/JPEG), e.g. 2 for 300 dpi print. */
  scale: number
}

export interface RenderedFile {
  bytes: Buffer
  mime: string
  filename: string
}

/** 40 megapixels: an A3 poster at 300 dpi (17 MP) with room to spare, far below what would exhaust memory. */
export const MAX_PIXELS = 40_000_000

const MIME: Record<OutputType, string> = { png: 'image/png', jpeg: 'image/jpeg', pdf: 'application/pdf' }

/**
 * Renders one visual from a template.
 * @throws NotFound for an unknown template; ValidationError for bad fields or size; RenderTooLarge past the pixel cap; RenderTimeout
 */
export async function renderVisual(deps: { catalogue: TemplateCatalogue; renderer: Renderer; kit: BrandKit }, req: RenderRequest): Promise<RenderedFile> {
  const template = deps.catalogue.get(req.template)
  const size = SIZES[req.size]
  const pixelWidth = Math.round(size.width * req.scale)
  const pixelHeight = Math.round(size.height * req.scale)
  if (req.type !== 'pdf' && pixelWidth * pixelHeight > MAX_PIXELS) {
    throw new RenderTooLarge(`A ${pixelWidth}×${pixelHeight} image is over the limit of ${MAX_PIXELS / 1e6} megapixels; use a smaller scale.`, { errors: [{ path: 'scale', message: 'too large for this size' }] })
  }
  const bytes = await deps.renderer.run({ kind: 'template', template, size, fields: req.fields, kit: deps.kit, type: req.type, pixelWidth })
  return { bytes, mime: MIME[req.type], filename: `${fileStem(template)}-${size.id}.${req.type === 'jpeg' ? 'jpg' : req.type}` }
}

function fileStem(t: Template): string {
  return t.id.replace(/[^a-z0-9-]/g, '')
}
