import { createHash } from 'node:crypto'
import { ValidationError } from '@maison/errors'
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, MANIFEST_PATH, manifestSchema, pathProblem, type Manifest } from './format.ts'
import { readArchive } from './tar-reader.ts'

const MiB = 1024 * 1024

/** Bounds on what reading an archive may cost, checked as bytes come out of gunzip (a small gzip can unpack to terabytes). */
export interface ReadLimits {
  /** Largest entry read into memory (space.json, calendars, app data; the manifest is bounded by `memoryBytes` only). */
  entryBytes: number
  /** All entries read into memory together. */
  memoryBytes: number
  /**
   * The most the whole archive may unpack to, from what was kept so far (the quota in space.json), or null
   * while unknown; until then the archive may unpack to no more than `memoryBytes`.
   */
  totalBytes?: (kept: ReadonlyMap<string, Buffer>) => number | null
}

export const DEFAULT_READ_LIMITS: ReadLimits = { entryBytes: 32 * MiB, memoryBytes: 256 * MiB }

const refuse = (message: string, path = '(body)') => new ValidationError(message, { errors: [{ path, message }] })

interface Seen {
  type: 'file' | 'directory'
  size: number
  sha256: string | null
}

/**
 * Reads a whole archive once before anything is created: every entry's path is safe, the manifest is
 * there and of a known version, and every entry matches it (size and SHA-256), none missing, none extra.
 * Entries `keep` selects are returned in memory (the small parts the import needs before the files).
 * @throws ValidationError naming the faulty entry.
 */
export async function verifyArchive(
  file: string, keep: (path: string, size: number) => boolean = () => false, limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<{ manifest: Manifest; kept: Map<string, Buffer> }> {
  const inMemory = new Map<string, Buffer>()
  const seen = new Map<string, Seen>()
  let manifestText: Buffer | null = null
  const budget = new ReadBudget(limits, inMemory)
  await readArchive(file, async (item) => {
    const problem = pathProblem(item.path)
    if (problem) throw refuse(`The archive entry "${item.path}" is refused: ${problem}.`, `entries/${item.path}`)
    if (item.type === 'other') throw refuse(`The archive entry "${item.path}" is a link or a special file; only files and folders are accepted.`, `entries/${item.path}`)
    if (seen.has(item.path) || (item.path === MANIFEST_PATH && manifestText)) throw refuse(`The archive holds "${item.path}" twice.`, `entries/${item.path}`)
    if (item.path === MANIFEST_PATH) {
      const chunks: Buffer[] = []
      // ~200 bytes per listed entry: a space of a million files needs far more than 32 MiB; the memory bound still holds.
      budget.startEntry(item.path, item.size, true, limits.memoryBytes)
      for await (const c of item.body) chunks.push(budget.take(c as Buffer))
      manifestText = Buffer.concat(chunks)
      return
    }
    if (item.type === 'directory') {
      seen.set(item.path, { type: 'directory', size: 0, sha256: null })
      return
    }
    const hash = createHash('sha256')
    let size = 0
    const kept = keep(item.path, item.size)
    budget.startEntry(item.path, item.size, kept)
    const chunks: Buffer[] | null = kept ? [] : null
    for await (const c of item.body) {
      budget.take(c as Buffer)
      hash.update(c as Buffer)
      size += (c as Buffer).length
      chunks?.push(c as Buffer)
    }
    if (chunks) inMemory.set(item.path, Buffer.concat(chunks))
    seen.set(item.path, { type: 'file', size, sha256: hash.digest('hex') })
  })
  if (!manifestText) throw refuse('The archive has no manifest.json; it was not made by a Maison export.', `entries/${MANIFEST_PATH}`)
  const manifest = parseManifest(manifestText)
  const listed = new Set<string>()
  for (const e of manifest.entries) {
    const at = `entries/${e.path}`
    const got = seen.get(e.path)
    if (!got) throw refuse(`The entry "${e.path}" is listed in the manifest but missing from the archive.`, at)
    if (got.type !== e.type) throw refuse(`The entry "${e.path}" is a ${got.type} in the archive but a ${e.type} in the manifest.`, at)
    if (got.size !== e.size) throw refuse(`The entry "${e.path}" has ${got.size} bytes; the manifest says ${e.size}.`, at)
    if (got.sha256 !== e.sha256) throw refuse(`The entry "${e.path}" does not match its SHA-256 in the manifest: it was changed or damaged.`, at)
    listed.add(e.path)
  }
  for (const p of seen.keys()) if (!listed.has(p)) throw refuse(`The entry "${p}" is in the archive but not in its manifest.`, `entries/${p}`)
  return { manifest, kept: inMemory }
}

/** Counts bytes as they are read and refuses, naming the entry, as soon as a bound is passed. */
class ReadBudget {
  private total = 0
  private memory = 0
  private entry = 0
  private entryCap = 0
  private path = ''
  private inMemory = false

  constructor(private readonly limits: ReadLimits, private readonly kept: ReadonlyMap<string, Buffer>) {}

  /** @throws ValidationError when the entry's announced size is already too large */
  startEntry(path: string, announced: number, inMemory: boolean, cap = this.limits.entryBytes): void {
    this.path = path
    this.entry = 0
    this.entryCap = cap
    this.inMemory = inMemory
    // Entries read into memory (calendars, app data) are small in any real space; a huge one is an attack.
    if (inMemory && announced > cap) this.tooLargeEntry()
  }

  /** @throws ValidationError once a bound is passed */
  take(chunk: Buffer): Buffer {
    this.total += chunk.length
    if (this.inMemory) {
      this.entry += chunk.length
      this.memory += chunk.length
      if (this.entry > this.entryCap) this.tooLargeEntry()
      if (this.memory > this.limits.memoryBytes) {
        throw refuse(`The archive's manifest, settings, calendars and app data add up to more than ${mib(this.limits.memoryBytes)}; refused at "${this.path}".`, `entries/${this.path}`)
      }
    }
    const bound = this.limits.totalBytes?.(this.kept) ?? null
    if (this.total > (bound ?? this.limits.memoryBytes)) {
      const why = bound === null ? 'before its space.json, which must come first' : 'the quota recorded in its space.json plus a margin'
      throw refuse(`The archive unpacks to more than ${bound ?? this.limits.memoryBytes} bytes (${why}); refused at "${this.path}".`, `entries/${this.path}`)
    }
    return chunk
  }

  private tooLargeEntry(): never {
    throw refuse(`The entry "${this.path}" is larger than ${mib(this.entryCap)}, too large for its kind.`, `entries/${this.path}`)
  }
}

const mib = (n: number) => `${Math.round(n / MiB)} MiB`

function parseManifest(text: Buffer): Manifest {
  let raw: unknown
  try {
    raw = JSON.parse(text.toString('utf8'))
  } catch {
    throw refuse('manifest.json is not valid JSON.', `entries/${MANIFEST_PATH}`)
  }
  const version = (raw as { version?: unknown } | null)?.version
  if ((raw as { format?: unknown } | null)?.format === ARCHIVE_FORMAT && version !== ARCHIVE_VERSION) {
    throw refuse(`This archive has format version ${String(version)}; this server reads version ${ARCHIVE_VERSION}.`, 'manifest.version')
  }
  const r = manifestSchema.safeParse(raw)
  if (!r.success) {
    const issue = r.error.issues[0]!
    throw refuse(`manifest.json is not valid: ${issue.path.join('.') || '(root)'}: ${issue.message}`, `manifest.${issue.path.join('.')}`)
  }
  for (const e of r.data.entries) {
    const problem = pathProblem(e.path)
    if (problem) throw refuse(`The manifest lists "${e.path}": ${problem}.`, `entries/${e.path}`)
  }
  return r.data as Manifest
}
