import type { SpaceContext } from '@maison/app-contract'

/** A new space for an import: its name and limits from the archive's space.json. */
export interface NewImportedSpace {
  slug: string
  name: string
  quotaBytes: number
  maxAccounts: number
}

/**
 * What the archive code needs from the space host: open any space, and for an import create a new
 * space that stays closed until it is complete, then open it, or remove it when the import fails.
 */
export interface SpaceStore {
  /** Runs `fn` on a space whatever its status (a suspended or deleted space can still be exported). @throws NotFound */
  use<T>(slug: string, fn: (space: SpaceContext) => Promise<T>): Promise<T>
  exists(slug: string): boolean
  /** Creates a new, closed space marked as being imported. @throws Conflict when the name is in use (that space is left alone) */
  create(space: NewImportedSpace): Promise<void>
  /** Keeps a long import from looking crashed. */
  touch(slug: string): void
  /** Opens a completely imported space. */
  open(slug: string): void
  /** Removes a space an unfinished import created, as if it never existed; any other space is left alone. */
  discard(slug: string): Promise<void>
  /** Discards the spaces of imports untouched since `before` (the importing process died); returns their slugs. */
  discardStale(before: Date): Promise<string[]>
}

/** Imports in progress, one row per space being imported. */
export interface ImportMarks {
  add(slug: string, at: string): void
  touch(slug: string, at: string): void
  remove(slug: string): void
  has(slug: string): boolean
  staleSince(before: string): string[]
}
