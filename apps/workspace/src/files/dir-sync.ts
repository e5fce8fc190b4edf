import fsp from 'node:fs/promises'

interface DirState {
  running: Promise<void> | null
  next: Promise<void> | null
}

const dirs = new Map<string, DirState>()

async function fsyncDir(dir: string): Promise<void> {
  const fh = await fsp.open(dir, 'r')
  try {
    await fh.sync()
  } finally {
    await fh.close()
  }
}

function start(dir: string, s: DirState): Promise<void> {
  const p: Promise<void> = fsyncDir(dir).finally(() => {
    if (s.running !== p) return
    s.running = null
    if (!s.next) dirs.delete(dir)
  })
  s.running = p
  return p
}

/**
 * Makes renames into a directory durable, off the event loop. Concurrent callers share flushes (group
 * commit): a caller is answered by the first fsync that starts after its call, so eight uploads into
 * one folder cost about two directory fsyncs instead of eight.
 */
export function syncDirectory(dir: string): Promise<void> {
  let s = dirs.get(dir)
  if (!s) dirs.set(dir, (s = { running: null, next: null }))
  const running = s.running
  if (!running) return start(dir, s)
  const state = s
  // The running fsync may have started before this caller's rename: wait for the next one.
  state.next ??= running
    .then(
      () => undefined,
      () => undefined,
    )
    .then(() => {
      state.next = null
      return start(dir, state)
    })
  return state.next
}
