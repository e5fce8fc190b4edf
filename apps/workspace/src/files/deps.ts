import type { SpaceContext } from '@maison/app-contract'
import { LocalContentStore } from './content-store.ts'
import { SqliteFileRepository } from './sqlite-repository.ts'
import type { FilesDeps } from './context.ts'

/** File dependencies of a space: its database, its folder and its quota. */
export function filesDepsFor(space: SpaceContext, clock: () => Date = () => new Date()): FilesDeps {
  return {
    repo: SqliteFileRepository.for(space.db),
    store: new LocalContentStore(space.dir),
    clock,
    spaceQuotaBytes: space.limits.quotaBytes,
  }
}

/**
 * Cleans what a crash can leave: partial uploads and staged copies. Call when a space is opened;
 * `olderThanMs` spares uploads still running in another process sharing the space.
 */
export async function recoverSpaceFiles(space: SpaceContext, opts: { olderThanMs?: number } = {}): Promise<{ tempFilesRemoved: number }> {
  const store = new LocalContentStore(space.dir)
  return { tempFilesRemoved: await store.cleanTemp(opts.olderThanMs ?? 0) }
}
