import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { Conflict, ValidationError } from '@maison/errors'
import type { SpaceContext } from '@maison/app-contract'
import type { MailPort } from '../domain/ports.ts'
import { newToken } from '../domain/secrets.ts'
import { ACCOUNTS_PATH, importAccounts, parseAccounts, type ImportedAccount } from './accounts-io.ts'
import { appDir, type NamedArchive } from './app-archives.ts'
import { calendarDepsFor, CALENDARS_DIR, importCalendar } from './calendars-io.ts'
import { FILES_DIR, FilesImporter } from './files-io.ts'
import { ASSOCIATION_OWNER } from '../../../workspace/src/files/index.ts'
import { activationMail } from './mails.ts'
import type { SpaceStore } from './ports.ts'
import { importSpaceSettings, LOGO_PATH, parseSpaceFile, SPACE_PATH } from './space-io.ts'
import { readArchive } from './tar-reader.ts'
import { DEFAULT_READ_LIMITS, verifyArchive, type ReadLimits } from './verify.ts'

export interface ImportDeps {
  spaces: SpaceStore
  apps: readonly NamedArchive[]
  /** Without mail (the command line), every account gets a generated password, shown once. */
  mail: MailPort | null
  /** Makes `secret` a one-time password-setting link for the account, and builds that link. */
  activation: { ensure(slug: string, username: string, secret: string): Promise<void>; url(slug: string, secret: string): string } | null
  /** Why a name can't be used ('taken' or another reason), or null when it is free. */
  nameProblem(slug: string): { reason: string; message: string } | null
  baseUrl: string
  clock: () => Date
}

export interface ImportResult {
  slug: string
  name: string
  sourceSlug: string
  files: number
  calendars: number
  apps: string[]
  accounts: (Omit<ImportedAccount, 'language'> & { activationMailed: boolean })[]
}

// Everything but file contents is read into memory during the check: it is small, and needed first.
const keepInMemory = (path: string) => !path.startsWith(`${FILES_DIR}/`)

// One import per name at a time in this process (a second one would find the name taken anyway).
const importing = new Set<string>()

/** How often a running import marks itself alive; the sweep discards imports silent for IMPORT_STALE_MS. */
const IMPORT_HEARTBEAT_MS = 30_000
export const IMPORT_STALE_MS = 10 * 60_000

/**
 * Imports an archive into a new space `slug`. Every check (name, manifest, checksums, JSON parts) runs
 * before anything is created; a failure after that removes the half-made space. Mails go out last.
 * @throws Conflict for a name in use; ValidationError naming the faulty entry
 */
export async function importSpace(d: ImportDeps, slug: string, file: string): Promise<ImportResult> {
  const problem = d.nameProblem(slug)
  if (problem) {
    if (problem.reason === 'taken') throw new Conflict(problem.message, { errors: [{ path: 'slug', message: problem.message }] })
    throw new ValidationError(problem.message, { errors: [{ path: 'slug', message: problem.message }] })
  }
  if (importing.has(slug)) throw new Conflict(`"${slug}" is being imported right now.`, { errors: [{ path: 'slug', message: 'import running' }] })
  importing.add(slug)
  try {
    const { manifest, kept } = await verifyArchive(file, keepInMemory, { ...DEFAULT_READ_LIMITS, totalBytes: quotaBound() })
    const need = (p: string) => {
      const b = kept.get(p)
      if (!b) throw new ValidationError(`The archive has no ${p}.`, { errors: [{ path: `entries/${p}`, message: 'missing' }] })
      return b
    }
    const spaceFile = parseSpaceFile(need(SPACE_PATH))
    const accounts = parseAccounts(need(ACCOUNTS_PATH))
    assertKnownOwners(manifest.entries.map((e) => e.path), new Set([...accounts.accounts.map((a) => a.username), ASSOCIATION_OWNER]))
    // Conflict when the name was taken meanwhile (a provisioning, an import elsewhere): that space is not ours to remove.
    await d.spaces.create({ slug, name: spaceFile.name, quotaBytes: spaceFile.limits.quotaBytes, maxAccounts: spaceFile.limits.maxAccounts })
    const heartbeat = setInterval(() => d.spaces.touch(slug), IMPORT_HEARTBEAT_MS)
    heartbeat.unref()
    let result: ImportResult
    try {
      result = await d.spaces.use(slug, async (space) => {
        importSpaceSettings(space, spaceFile, kept.get(LOGO_PATH) ?? null)
        const people = await importAccounts(space, accounts, d.clock, { mailable: d.mail !== null && d.activation !== null })
        const calendars = importCalendars(space, kept, d.clock)
        const apps = await importApps(space, kept, d.apps)
        // Tar headers keep whole seconds; the manifest keeps the milliseconds.
        const mtimes = new Map(manifest.entries.map((e) => [e.path, e.mtime]))
        const files = await importFiles(space, file, accounts.accounts.find((a) => a.role === 'admin' && a.enabled)!.username, mtimes, d.clock)
        return {
          slug, name: spaceFile.name, sourceSlug: manifest.space.slug, files, calendars, apps,
          accounts: people.map(({ language: _l, ...a }) => ({ ...a, activationMailed: false })),
        }
      })
      d.spaces.open(slug)
    } catch (err) {
      await d.spaces.discard(slug)
      throw err
    } finally {
      clearInterval(heartbeat)
    }
    await mailActivations(d, slug, spaceFile.name, accounts.accounts, result)
    return result
  } finally {
    importing.delete(slug)
  }
}

/**
 * The most an archive may unpack to once its space.json is read: the files fit the space's quota, and the
 * rest (read into memory) is bounded by the memory limit.
 */
function quotaBound(): NonNullable<ReadLimits['totalBytes']> {
  let decided = false
  let bound: number | null = null
  return (kept) => {
    if (decided) return bound
    const content = kept.get(SPACE_PATH)
    if (!content) return null
    decided = true
    try {
      bound = parseSpaceFile(content).limits.quotaBytes + DEFAULT_READ_LIMITS.memoryBytes
    } catch {
      // Refused with a clear message once the check ends; meanwhile the archive gets no more room than before.
      bound = null
    }
    return bound
  }
}

/** Files and calendars belong to an account of the archive or to the association. @throws ValidationError */
function assertKnownOwners(paths: readonly string[], owners: ReadonlySet<string>): void {
  for (const p of paths) {
    const [top, owner] = p.split('/')
    if ((top === FILES_DIR || top === CALENDARS_DIR) && owner && !owners.has(owner)) {
      throw new ValidationError(`The entry "${p}" belongs to "${owner}", who is not in ${ACCOUNTS_PATH}.`, { errors: [{ path: `entries/${p}`, message: 'unknown owner' }] })
    }
  }
}

function importCalendars(space: SpaceContext, kept: Map<string, Buffer>, clock: () => Date): number {
  const deps = calendarDepsFor(space, clock)
  let n = 0
  for (const [path, content] of kept) {
    if (!path.startsWith(`${CALENDARS_DIR}/`)) continue
    importCalendar(deps, path, content.toString('utf8'))
    n++
  }
  return n
}

async function importApps(space: SpaceContext, kept: Map<string, Buffer>, apps: readonly NamedArchive[]): Promise<string[]> {
  const done: string[] = []
  for (const app of apps) {
    const prefix = `${appDir(app.id)}/`
    const entries = [...kept].filter(([p]) => p.startsWith(prefix)).map(([p, content]) => ({ path: p.slice(prefix.length), content }))
    if (!entries.length) continue
    await app.archive.import(space, entries)
    done.push(app.id)
  }
  return done
}

/** Small files are written this many at a time: each waits for two fsyncs, which overlap well. */
const PARALLEL_SMALL_FILES = 8
const SMALL_FILE_BYTES = 1024 * 1024

async function importFiles(space: SpaceContext, file: string, adminUsername: string, mtimes: Map<string, number>, clock: () => Date): Promise<number> {
  const files = new FilesImporter(space, adminUsername, clock)
  const running = new Set<Promise<void>>()
  let failure: unknown = null
  let n = 0
  const track = (p: Promise<void>) => {
    const t = p.catch((err: unknown) => void (failure ??= err)).finally(() => running.delete(t))
    running.add(t)
  }
  try {
    await readArchive(file, async (item) => {
      if (failure) throw failure
      if (!item.path.startsWith(`${FILES_DIR}/`)) return
      const mtime = mtimes.get(item.path) ?? item.mtime
      n += item.type === 'file' ? 1 : 0
      if (item.type === 'directory') return files.directory(item.path)
      if (item.size > SMALL_FILE_BYTES) return files.file(item.path, item.body, item.size, mtime)
      const chunks: Buffer[] = []
      for await (const c of item.body) chunks.push(c as Buffer)
      track(files.file(item.path, Readable.from([Buffer.concat(chunks)]), item.size, mtime))
      if (running.size >= PARALLEL_SMALL_FILES) await Promise.race(running)
    })
  } finally {
    // Never leave writes running into a space that is about to be removed.
    await Promise.all(running)
  }
  if (failure) throw failure
  return n
}

/** Each person with an e-mail gets a link to choose a password, keyed by that link so a retried enqueue mails once. */
async function mailActivations(d: ImportDeps, slug: string, name: string, people: { username: string; email: string | null; language: 'en' | 'fr' | null }[], result: ImportResult): Promise<void> {
  if (!d.mail || !d.activation) return
  for (const p of people) {
    if (!p.email) continue
    const secret = newToken()
    await d.activation.ensure(slug, p.username, secret)
    await d.mail.enqueue(activationMail(p.language ?? 'fr', {
      // The token's hash in the key: a later import under a reused name is a new mail, not a repeat.
      key: `import-activation:${slug}:${p.username}:${createHash('sha256').update(secret).digest('hex').slice(0, 12)}`, to: p.email, organisation: name, spaceUrl: `${d.baseUrl}/s/${slug}/`,
      activationUrl: d.activation.url(slug, secret), username: p.username,
    }))
    const r = result.accounts.find((a) => a.username === p.username)
    if (r) r.activationMailed = true
  }
}
