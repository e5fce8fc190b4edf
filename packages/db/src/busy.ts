const pauseCell = new Int32Array(new SharedArrayBuffer(4))

/** Whether SQLite refused for a lock another connection holds. */
export function isBusy(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === 'SQLITE_BUSY'
}

/** Blocks this thread for `ms` (fractions allowed): SQLite's own waits block too, only longer. */
export function pauseSync(ms: number): void {
  Atomics.wait(pauseCell, 0, 0, ms)
}
