import { z } from 'zod'

/** Bump when an archive written by this code could not be read by the previous importer. */
export const ARCHIVE_FORMAT = 'maison-space-archive'
export const ARCHIVE_VERSION = 1
export const MANIFEST_PATH = 'manifest.json'

export interface ManifestEntry {
  path: string
  type: 'file' | 'directory'
  size: number
  /** Hex SHA-256 of the entry's bytes (files only). */
  sha256: string | null
  /** Epoch milliseconds. */
  mtime: number
}

export interface Manifest {
  format: typeof ARCHIVE_FORMAT
  version: number
  space: { slug: string; name: string }
  createdAt: string
  entries: ManifestEntry[]
}

const entrySchema = z.object({
  path: z.string().min(1),
  type: z.enum(['file', 'directory']),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[a-f0-9]{64}$/).nullable(),
  mtime: z.number().int(),
})

export const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT, { error: `format must be "${ARCHIVE_FORMAT}".` }),
  version: z.number().int(),
  space: z.object({ slug: z.string(), name: z.string() }),
  createdAt: z.string(),
  entries: z.array(entrySchema),
})

/**
 * Why an archive path is unsafe, or null: relative, forward slashes, no empty, `.` or `..` segment,
 * no control characters (a hostile archive must never write outside its space).
 */
export function pathProblem(p: string): string | null {
  if (p.length > 4096) return 'the path is longer than 4,096 characters'
  if (p.startsWith('/') || p.includes('\\')) return 'the path must be relative and use forward slashes'
  if (/[\u0000-\u001f\u007f]/.test(p)) return 'the path holds control characters'
  if (p.split('/').some((s) => s === '' || s === '.' || s === '..')) return 'the path holds an empty, "." or ".." segment'
  return null
}
