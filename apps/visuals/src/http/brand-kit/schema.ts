import { z } from 'zod'

/** Body of POST /api/brand-kit/logo/from-files: a file of the caller's own files. */
export const logoFromFilesSchema = z.object({
  path: z.string().min(2).max(1024).regex(/^\//, 'expected a path in your files starting with /'),
})
