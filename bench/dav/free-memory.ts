/**
 * The same memory state for every target of a phase. This VM hands memory that has stayed free for a few
 * seconds back to its host (virtio-balloon free page reporting), and the first touch of such a page then costs
 * a fault on the host: copying 1 GB into the page cache took 0.15 s of CPU in recently freed memory and 2.4 s
 * in memory handed back (`perf`, the upload's `copy_folio_from_iter_atomic`). The kernel hands out recently
 * freed pages first, so whichever server ran first in a phase took them and the next one wrote into cold
 * memory: Maison's 1 GB upload took 1.7–2.0 s run alone and 4.0–5.5 s right after Apache's, and Apache's
 * went from 1.7 s to 2.4–3.2 s when it ran second.
 *
 * Before each target's turn, a child process touches `mb` MB and exits: those pages are then freed moments
 * before the target starts, as they would be on a host that keeps its memory (any machine that is not such a VM).
 * Before a large write the page cache is dropped first (the previous target's 1 GB file is the warm memory), which
 * makes the freshening itself quick (1.2–1.5 s for 2.3 GB, against up to 8 s in cold memory). Three runs each:
 * Maison's 1 GB upload took 4.0–5.5 s after Apache's as the bench ran before, 2.4–3.6 s with the freshening alone,
 * 1.6–2.9 s with both; Apache's 1.4–1.9 s throughout.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'

/** Makes `mb` MB recently freed. */
export function freshenFreeMemory(mb: number): void {
  if (mb <= 0) return
  const script = `const keep = []; for (let i = 0; i < ${Math.ceil(mb / 64)}; i++) keep.push(Buffer.alloc(64 << 20, 1))`
  // The child's heap stays small: the buffers live outside it.
  execFileSync(process.execPath, ['-e', script], { stdio: 'ignore' })
}

/** Drops the clean page cache (after a `sync`), when this process may (root); otherwise does nothing. */
export function dropPageCache(): void {
  try {
    fs.writeFileSync('/proc/sys/vm/drop_caches', '1')
  } catch {
    // Not root: the run keeps the order effect described above.
  }
}
