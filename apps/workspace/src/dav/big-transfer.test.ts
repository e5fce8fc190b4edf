import { describe, expect, it } from 'vitest'
import { measureBigTransfer } from './testing/big-transfer.ts'

describe('large transfers', () => {
  it('streams a 200 MB PUT and GET through a child server whose RSS grows by at most 64 MB', async () => {
    const r = await measureBigTransfer(200)
    expect(r.sameBytes).toBe(true)
    expect(r.growthMb, JSON.stringify(r)).toBeLessThanOrEqual(64)
  }, 120_000)
})
