import { z } from 'zod'

/** Query string of GET /members. */
export const listQuery = z.object({
  q: z.string().trim().max(100).optional(),
  category: z.coerce.number().int().positive().optional(),
  status: z.enum(['none', 'up_to_date', 'due_soon', 'lapsed']).optional(),
  ids: z
    .string()
    .regex(/^[1-9][0-9]{0,15}(,[1-9][0-9]{0,15}){0,9999}$/, 'expected member ids separated by commas')
    .optional()
    .transform((v) => v?.split(',').map(Number)),
  pending: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
  hidden: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  sort: z.enum(['number', 'name', 'joinedOn', 'expiresOn', 'email']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  perPage: z.coerce.number().int().min(1).max(500).default(50),
})

export const bulkCategory = z.object({ ids: z.array(z.number().int().positive()).min(1).max(10_000), categoryId: z.number().int().positive().nullable() })
