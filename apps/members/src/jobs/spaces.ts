import type { AppServices } from '@maison/app-contract'
import type { Db } from '@maison/db'

/** How a worker reaches the space databases that have the members app installed. */
export interface SpaceAccess {
  list(): string[]
  /** Runs `fn` with the space's database (and the association's name), kept open until `fn` settles. */
  use<T>(slug: string, fn: (db: Db, name?: string) => Promise<T>): Promise<T>
}


/** What the members workers get: the host's services and its spaces. */
export interface MembersRuntime {
  services: AppServices
  spaces: SpaceAccess
}
