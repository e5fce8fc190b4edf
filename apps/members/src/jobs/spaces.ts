import fs from 'node:fs'
import path from 'node:path'
import { appliedVersions, openDatabase, type Db } from '@maison/db'

/** How a worker reaches the space databases that have the members app installed. */
export interface SpaceAccess {
  list(): string[]
  open(slug: string): Db
}

/**
 * Reads DATA_DIR/spaces/{slug}/space.sqlite directly: the app contract gives jobs no space registry yet,
 * so suspended spaces are not told apart (see the closing note of the members app).
 */
export class DataDirSpaces implements SpaceAccess {
  private readonly open_ = new Map<string, Db>()

  constructor(private readonly dataDir: string) {}

  private file(slug: string): string {
    return path.join(this.dataDir, 'spaces', slug, 'space.sqlite')
  }

  list(): string[] {
    const dir = path.join(this.dataDir, 'spaces')
    if (!fs.existsSync(dir)) return []
    return fs
      .readdirSync(dir)
      .filter((slug) => /^[a-z0-9][a-z0-9-]*$/.test(slug) && fs.existsSync(this.file(slug)))
      .filter((slug) => appliedVersions(this.open(slug)).has('members'))
  }

  open(slug: string): Db {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) throw new Error(`not a space slug: ${slug}`)
    let db = this.open_.get(slug)
    if (!db) {
      db = openDatabase(this.file(slug))
      this.open_.set(slug, db)
    }
    return db
  }

  close(): void {
    for (const db of this.open_.values()) db.close()
    this.open_.clear()
  }
}
