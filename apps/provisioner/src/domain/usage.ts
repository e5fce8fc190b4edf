/** What one space uses, read from its own database. */
export interface SpaceUsage {
  accounts: number
  files: number
  bytes: number
  /** Latest web login or DAV client use, ISO time. */
  lastLoginAt: string | null
}

/** Usage over the fleet, computed by the periodic statistics job. */
export interface UsageSnapshot {
  computedAt: string
  durationMs: number
  /** Spaces read, and those that could not be read (their error is logged). */
  spaces: number
  unreadable: number
  accounts: { total: number; perSpace: Record<string, number> }
  files: { total: number; perSpace: Record<string, number> }
  disk: { totalBytes: number; perSpace: Record<string, number> }
  logins: { last3Days: number; last15Days: number; never: number }
}

export interface UsageSnapshotRepository {
  save(s: UsageSnapshot): void
  latest(): UsageSnapshot | null
}

export interface UsageDeps {
  /** Spaces to read (not deleted, with a database). */
  spaces(): string[]
  /** Reads one space, leasing its database for the duration. */
  read(slug: string): Promise<SpaceUsage>
  snapshots: UsageSnapshotRepository
  clock: () => Date
  monotonic: () => number
  concurrency: number
  onError?: (slug: string, err: unknown) => void
}

type Edge = { label: string; min: number }

/** Bands as in the application form; lower bounds ascending. */
export const ACCOUNT_BANDS: Edge[] = [{ label: '0–1', min: 0 }, { label: '2–5', min: 2 }, { label: '6–10', min: 6 }, { label: '11–25', min: 11 }, { label: '26–50', min: 26 }, { label: '51+', min: 51 }]
export const FILE_BANDS: Edge[] = [{ label: '0', min: 0 }, { label: '1–99', min: 1 }, { label: '100–999', min: 100 }, { label: '1,000–9,999', min: 1000 }, { label: '10,000+', min: 10_000 }]
const MB = 1024 ** 2
export const DISK_BANDS: Edge[] = [{ label: '< 10 MB', min: 0 }, { label: '10–100 MB', min: 10 * MB }, { label: '100 MB–1 GB', min: 100 * MB }, { label: '1–10 GB', min: 1024 * MB }, { label: '10 GB+', min: 10_240 * MB }]

/** Counts values per band (every band present, even empty). */
export function band(values: readonly number[], edges: readonly Edge[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(edges.map((e) => [e.label, 0]))
  for (const v of values) {
    let i = edges.length - 1
    while (i > 0 && v < edges[i]!.min) i--
    out[edges[i]!.label]! += 1
  }
  return out
}

/** Runs `fn` over items with at most `limit` at once. */
export async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
}

/** Reads every space's usage, a few at a time, and stores the snapshot. */
export async function computeUsage(d: UsageDeps): Promise<UsageSnapshot> {
  const t0 = d.monotonic()
  const now = d.clock()
  const rows: SpaceUsage[] = []
  let unreadable = 0
  await eachLimited(d.spaces(), d.concurrency, async (slug) => {
    // One space at a time per slot, yielding between reads so a web process keeps answering.
    await new Promise<void>((resolve) => setImmediate(resolve))
    try {
      rows.push(await d.read(slug))
    } catch (err) {
      unreadable++
      d.onError?.(slug, err)
    }
  })
  const since = (days: number) => new Date(now.getTime() - days * 86400_000).toISOString()
  const recent = (days: number) => rows.filter((r) => r.lastLoginAt !== null && r.lastLoginAt >= since(days)).length
  const sum = (k: 'accounts' | 'files' | 'bytes') => rows.reduce((a, r) => a + r[k], 0)
  const snapshot: UsageSnapshot = {
    computedAt: now.toISOString(),
    durationMs: Math.round(d.monotonic() - t0),
    spaces: rows.length,
    unreadable,
    accounts: { total: sum('accounts'), perSpace: band(rows.map((r) => r.accounts), ACCOUNT_BANDS) },
    files: { total: sum('files'), perSpace: band(rows.map((r) => r.files), FILE_BANDS) },
    disk: { totalBytes: sum('bytes'), perSpace: band(rows.map((r) => r.bytes), DISK_BANDS) },
    logins: { last3Days: recent(3), last15Days: recent(15), never: rows.filter((r) => r.lastLoginAt === null).length },
  }
  d.snapshots.save(snapshot)
  return snapshot
}
