import { z } from 'zod'

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour such as #2f6f5e')

export const patchSpaceSchema = z
  .object({
    name: z.string().trim().min(2, 'at least 2 characters').max(80, 'at most 80 characters').optional(),
    colors: z.object({ primary: color.optional(), background: color.optional() }).strict().optional(),
  })
  .strict()
