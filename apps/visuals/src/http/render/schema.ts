import { z } from 'zod'
import { SIZE_IDS } from '../../domain/sizes.ts'

/** Body of POST /api/render. Field values are checked against the template by the domain. */
export const renderBodySchema = z.object({
  template: z.string().min(1).max(80),
  size: z.enum(SIZE_IDS),
  type: z.enum(['png', 'jpeg', 'pdf']),
  fields: z.record(z.string(), z.unknown()).default({}),
  scale: z.number().min(0.1).max(4).default(1),
})
