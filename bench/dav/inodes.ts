/**
 * On this VM's ext4 without a journal, a new inode skips every free one freed less than 60 s ago (360 s while
 * its inode-table block is dirty), one buffer lookup each: right after a run removes its 10,000-file tree, a new
 * file next to where it was costs up to 0.4–0.6 ms of kernel time instead of ~20 µs, and PUT figures of the
 * next run swell for both servers (each in its own block groups). Runs note their removals and warn.
 */
import fs from 'node:fs'
import path from 'node:path'

const MARK = 'last-tree-removal'
/** RECENTCY_MIN + RECENTCY_DIRTY of fs/ext4/ialloc.c. */
const RECENTLY_DELETED_S = 360

/** Removes a tree the bench made, and notes when (see recentRemovalWarning). */
export function removeTree(workDir: string, root: string): void {
  fs.rmSync(root, { recursive: true, force: true })
  try {
    fs.writeFileSync(path.join(workDir, MARK), '')
  } catch {
    // The work folder itself may be gone; nothing to warn about then.
  }
}

/** A warning when a bench tree was removed recently enough to inflate this run's PUT figures; null otherwise. */
export function recentRemovalWarning(workDir: string): string | null {
  const at = fs.statSync(path.join(workDir, MARK), { throwIfNoEntry: false })?.mtimeMs
  const ago = at === undefined ? Infinity : (Date.now() - at) / 1000
  if (ago >= RECENTLY_DELETED_S) return null
  return `note: a bench tree was removed ${ago.toFixed(0)} s ago; for ${(RECENTLY_DELETED_S - ago).toFixed(0)} s more, new files ` +
    'may cost ext4 extra kernel time (PUT and populate figures of both servers swell; see bench/README.md)'
}
