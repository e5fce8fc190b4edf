import type { Db } from '@maison/db'

/** How a worker reaches the space databases that have the members app installed. */
export interface SpaceAccess {
  list(): string[]
  open(slug: string): Db
}

