import { SIZES, type SizeId } from './sizes.ts'
import { ValidationError } from '@maison/errors'
import { RenderTooLarge } from './errors.ts'
import type { BrandKit } from './brand-kit.ts'
import type { TemplateCatalogue } from './catalogue.ts'
import type { Template } from './template.ts'
import type { FitReport, RenderOutput, RenderTask } from '../render/task.ts'
import type { OutputType } from '../render/rasterize.ts'

/** Runs render tasks with a time limit (the worker pool in production). */
export interface Renderer {
  run(task: RenderTask): Promise<Buffer>
  /** As `run`, with the fitting report of a template task that sets `report`. */
  runWithReport(task: RenderTask): Promise<RenderOutput>
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
  const { pixelWidth } = checkRenderRequest(template, req)
  const bytes = await deps.renderer.run({ kind: 'template', template: onlyLayout(template, size.id), size, fields: req.fields, kit: deps.kit, type: req.type, pixelWidth })
  return { bytes, mime: MIME[req.type], filename: `${fileStem(template)}-${size.id}.${req.type === 'jpeg' ? 'jpg' : req.type}` }
}

/**
 * Checks what can be checked before rendering: the size is one of the template's, the image within the pixel cap.
 * @throws ValidationError for a size the template lacks; RenderTooLarge past the pixel cap
 */
export function checkRenderRequest(template: Template, req: Pick<RenderRequest, 'size' | 'type' | 'scale'>): { pixelWidth: number; pixelHeight: number } {
  const size = SIZES[req.size]
  if (!template.layouts.has(req.size)) {
    const sizes = [...template.layouts.keys()].join(', ')
    throw new ValidationError(`The template ${template.id} has no ${req.size} format; its formats: ${sizes}.`, { errors: [{ path: 'size', message: `expected one of ${sizes}` }] })
  }
  const pixelWidth = Math.round(size.width * req.scale)
  const pixelHeight = Math.round(size.height * req.scale)
  if (req.type !== 'pdf' && pixelWidth * pixelHeight > MAX_PIXELS) {
    throw new RenderTooLarge(`A ${pixelWidth}×${pixelHeight} image is over the limit of ${MAX_PIXELS / 1e6} megapixels; use a smaller scale.`, { errors: [{ path: 'scale', message: 'too large for this size' }] })
  }
  return { pixelWidth, pixelHeight }
}

function fileStem(t: Template): string {
  return t.id.replace(/[^a-z0-9-]/g, '')
}

/** A small PNG of a visual and how each text was fitted, for the editor's live preview. */
export interface Preview {
  png: Buffer
  width: number
  height: number
  fits: FitReport[]
}

/**
 * Renders a preview `maxSide` pixels on its longer side (never larger than the visual itself).
 * @throws as `renderVisual`
 */
export async function previewVisual(deps: { catalogue: TemplateCatalogue; renderer: Renderer; kit: BrandKit }, req: { template: string; size: SizeId; fields: Record<string, unknown>; maxSide: number }): Promise<Preview> {
  const template = deps.catalogue.get(req.template)
  const size = SIZES[req.size]
  const scale = Math.min(1, req.maxSide / Math.max(size.width, size.height))
  const pixelWidth = Math.max(1, Math.round(size.width * scale))
  const out = await deps.renderer.runWithReport({ kind: 'template', template: onlyLayout(template, size.id), size, fields: req.fields, kit: deps.kit, type: 'png', pixelWidth, report: true })
  return { png: out.bytes, width: pixelWidth, height: Math.round(size.height * scale), fits: out.fits ?? [] }
}

// A task crosses to the render process by structured clone: send the one layout it draws, not every format's tree.
function onlyLayout(template: Template, size: SizeId): Template {
  const layout = template.layouts.get(size)
  return layout ? { ...template, layouts: new Map([[size, layout]]) } : template
}
