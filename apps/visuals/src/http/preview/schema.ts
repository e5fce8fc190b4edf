import { z } from 'zod'
import { SIZE_IDS } from '../../domain/sizes.ts'

/** Body of POST /api/preview: what the editor shows while someone types. */
export const previewBodySchema = z.object({
  template: z.string().min(1).max(80),
  size: z.enum(SIZE_IDS),
  fields: z.record(z.string(), z.unknown()).default({}),
  /** Longer side of the preview image, in pixels. */
  maxSide: z.number().int().min(64).max(1600).default(720),
})

/** Path parameters of GET /api/thumbnails/{template}/{size}.png. */
export const thumbnailParamsSchema = z.object({
  template: z.string().min(1).max(80),
  size: z.enum(SIZE_IDS),
})
