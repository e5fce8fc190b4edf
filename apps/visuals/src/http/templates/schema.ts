import { z } from 'zod'

/** Body of POST /api/templates/inspect: an SVG to check before marking its parts. */
export const inspectBodySchema = z.object({ svg: z.string().min(1) })

/** Path of DELETE /api/templates/{id}. */
export const templateIdSchema = z.object({ id: z.string().regex(/^custom-[a-z0-9-]{1,60}$/, 'expected the id of an uploaded template (custom-…)') })
