import fs from 'node:fs'
import path from 'node:path'
import { buildTemplate, copyTemplate, templateProblems, type MigrationSet } from '@maison/db'

// Older than this, a temp file is a crash's leftover, not a copy or build in progress.
const STALE_TEMP_MS = 10 * 60_000

/** Removes the `<prefix>….tmp` files (and their WAL sidecars) of `dir` older than STALE_TEMP_MS. */
function removeStaleTemps(dir: string, prefix: string, now = Date.now()): void {
  for (const f of fs.readdirSync(dir)) {
    if (!f.startsWith(prefix) || !/\.tmp(-wal|-shm)?$/.test(f)) continue
    const full = path.join(dir, f)
    try {
      if (now - fs.statSync(full).mtimeMs > STALE_TEMP_MS) fs.rmSync(full, { force: true })
    } catch {
      // Gone meanwhile: its owner finished.
    }
  }
}

/**
 * The pre-migrated `space.sqlite` of one schema version (`<dir>/<schemaVersion>.sqlite`), built on
 * first use, checked once per process against the code's migrations, and copied into new spaces.
 */
export class SpaceTemplate {
  readonly file: string
  private checked = false

  constructor(private readonly dir: string, readonly schemaVersion: string, private readonly sets: readonly MigrationSet[]) {
    this.file = path.join(dir, `${schemaVersion}.sqlite`)
  }

  /**
   * Makes `file` (a space's database) a copy of the template unless it exists. Resolves to true when copied.
   * @throws Error when a freshly built template still does not fit the code (a bug, not bad input).
   */
  async copyTo(file: string): Promise<boolean> {
    this.ensure()
    removeStaleTemps(path.dirname(file), `${path.basename(file)}.`)
    try {
      return await copyTemplate(this.file, file)
    } catch (err) {
      // Removed meanwhile (another version's host cleaning up, an operator): build it again, once.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !fs.existsSync(path.dirname(file))) throw err
      this.checked = false
      this.ensure()
      return copyTemplate(this.file, file)
    }
  }

  private ensure(): void {
    if (this.checked) return
    if (!fs.existsSync(this.file) || templateProblems(this.file, this.sets).length) {
      buildTemplate(this.file, this.sets)
      const problems = templateProblems(this.file, this.sets)
      if (problems.length) throw new Error(`space template ${this.file} does not fit the code: ${problems.join('; ')}`)
      this.removeOtherVersions()
    }
    this.checked = true
  }

  /** Templates of other schema versions are never used by this code; a host still running one rebuilds its own. */
  private removeOtherVersions(): void {
    removeStaleTemps(this.dir, '')
    for (const f of fs.readdirSync(this.dir)) {
      if (f !== path.basename(this.file) && /^[0-9a-f]{16}\.sqlite$/.test(f)) fs.rmSync(path.join(this.dir, f), { force: true })
    }
  }
}
