import type { Db } from '@maison/db'

/** How a worker reaches the space databases that have the members app installed. */
export interface SpaceAccess {
  list(): string[]
  /** Runs `fn` with the space's database, kept open until `fn` settles. */
  use<T>(slug: string, fn: (db: Db) => Promise<T>): Promise<T>
}

