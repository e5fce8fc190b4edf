import { z } from 'zod'

/** Path parameters of /api/renders/{id}: the hex id POST /api/renders answered. */
export const renderIdSchema = z.object({ id: z.string().regex(/^[a-f0-9]{32}$/, 'expected the 32-character id answered by POST /renders') })

/** Body of POST /api/renders/{id}/save. */
export const saveRenderBodySchema = z.object({ name: z.string().trim().min(1).max(120).optional() }).default({})
