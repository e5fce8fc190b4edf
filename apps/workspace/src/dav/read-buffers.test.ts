import { describe, expect, it } from 'vitest'
import { ReadBuffers } from './read-buffers.ts'

describe('ReadBuffers', () => {
  it('hands out the same memory again once given back, at the length asked', () => {
    const pool = new ReadBuffers(1024, 2)
    const a = pool.take(100)
    expect(a.length).toBe(100)
    pool.give(a)
    const b = pool.take(1024)
    expect(b.length).toBe(1024)
    expect(b.buffer).toBe(a.buffer)
  })

  it('never lends the same memory twice at once', () => {
    const pool = new ReadBuffers(1024, 4)
    const a = pool.take(10)
    const b = pool.take(10)
    expect(b.buffer).not.toBe(a.buffer)
  })

  it('ignores buffers it did not make, and keeps no more than asked', () => {
    const pool = new ReadBuffers(1024, 1)
    pool.give(Buffer.allocUnsafeSlow(1024))
    const a = pool.take(1)
    const b = pool.take(1)
    pool.give(a)
    pool.give(b)
    expect(pool.take(1).buffer).toBe(a.buffer)
    expect(pool.take(1).buffer).not.toBe(b.buffer)
  })

  it('refuses a read larger than its buffers', () => {
    expect(() => new ReadBuffers(1024, 1).take(1025)).toThrow(RangeError)
  })
})
