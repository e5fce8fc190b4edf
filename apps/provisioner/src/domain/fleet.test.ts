import { describe, expect, it } from 'vitest'
import { weekStart, weeklyDecisions, type DecisionRow } from './stats.ts'
import { ACCOUNT_BANDS, band, eachLimited } from './usage.ts'
import { percentile, upgradeReport } from './upgrade-report.ts'

describe('weekly decisions', () => {
  const now = new Date('2026-03-18T12:00:00Z') // a Wednesday
  it('starts weeks on Monday, UTC', () => {
    expect(weekStart(now).toISOString()).toBe('2026-03-16T00:00:00.000Z')
    expect(weekStart(new Date('2026-03-15T23:59:00Z')).toISOString()).toBe('2026-03-09T00:00:00.000Z')
  })

  it('counts decisions in their week and the backlog at each week end', () => {
    const rows: DecisionRow[] = [
      { confirmedAt: '2026-03-02T10:00:00Z', decidedAt: '2026-03-10T09:00:00Z', outcome: 'approved' },
      { confirmedAt: '2026-03-03T10:00:00Z', decidedAt: '2026-03-17T09:00:00Z', outcome: 'rejected' },
      { confirmedAt: '2026-03-12T10:00:00Z', decidedAt: null, outcome: 'pending' },
    ]
    expect(weeklyDecisions(rows, now, 3)).toEqual([
      { week: '2026-03-02', approved: 0, rejected: 0, pending: 2 },
      { week: '2026-03-09', approved: 1, rejected: 0, pending: 2 },
      { week: '2026-03-16', approved: 0, rejected: 1, pending: 1 },
    ])
  })
})

describe('usage bands', () => {
  it('puts each value in its band and shows empty bands', () => {
    expect(band([0, 1, 2, 5, 6, 50, 51, 400], ACCOUNT_BANDS)).toEqual({ '0–1': 2, '2–5': 2, '6–10': 1, '11–25': 0, '26–50': 1, '51+': 2 })
  })

  it('runs at most `limit` tasks at once', async () => {
    let now = 0
    let peak = 0
    await eachLimited([1, 2, 3, 4, 5, 6, 7], 3, async () => {
      peak = Math.max(peak, ++now)
      await new Promise((r) => setTimeout(r, 5))
      now--
    })
    expect(peak).toBe(3)
  })
})

describe('upgrade report', () => {
  it('takes the nearest-rank percentile', () => {
    expect(percentile([], 95)).toBe(0)
    expect(percentile([5], 95)).toBe(5)
    expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 95)).toBe(95)
    expect(percentile([1, 2, 3, 100], 95)).toBe(100)
  })

  it('sums the time of ended attempts and the running one', () => {
    const u = {
      id: 1, status: 'running' as const, schemaVersion: 'x', maxFailures: 10, lanes: 2, attempt: 2, startedBy: 'op', createdAt: '2026-03-01T10:00:00.000Z',
      attemptStartedAt: '2026-03-01T11:00:00.000Z', elapsedMs: 5000, finishedAt: null, haltReason: null,
    }
    const counts = { total: 3, pending: 1, running: 0, done: 1, failed: 1, skipped: 0 }
    const space = (slug: string, state: 'done' | 'failed', downtimeMs: number, error: string | null = null) =>
      ({ slug, state, lane: null, previousStatus: 'active', migrations: 1, downtimeMs, error, startedAt: null, finishedAt: null })
    const r = upgradeReport(u, counts, [12.345, 3], [space('b', 'failed', 3, 'boom')], new Date('2026-03-01T11:00:02.000Z'))
    expect(r).toMatchObject({ totalMs: 7000, percent: 66, downtime: { maxMs: 12.35, p95Ms: 12.35, meanMs: 7.67, measured: 2 }, failures: [{ slug: 'b', error: 'boom' }] })
  })
})
