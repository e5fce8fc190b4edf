import { z } from 'zod'
import { renderBodySchema } from '../render/schema.ts'

/** Body of POST /api/save: a render request plus the file name to use in Visuals/. */
export const saveBodySchema = renderBodySchema.extend({
  name: z.string().trim().min(1).max(120).optional(),
})
