import { z } from 'zod'

/** Query string of GET /members. */
export const listQuery = z.object({
  q: z.string().trim().max(100).optional(),
  category: z.coerce.number().int().positive().optional(),
  status: z.enum(['none', 'up_to_date', 'due_soon', 'lapsed']).optional(),
  hidden: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  sort: z.enum(['number', 'name', 'joinedOn', 'expiresOn', 'email']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  perPage: z.coerce.number().int().min(1).max(500).default(50),
})

export const bulkCategory = z.object({ ids: z.array(z.number().int().positive()).min(1).max(10_000), categoryId: z.number().int().positive().nullable() })
