import { afterEach, describe, expect, it } from 'vitest'
import { createRedis } from '@maison/queue'
import { pingRedis } from '../../scripts/lib/redis.ts'
import { startRedis, type TestRedis } from './redis.ts'

describe('startRedis', () => {
  let redis: TestRedis | undefined
  afterEach(async () => {
    await redis?.stop()
    redis = undefined
  })

  it('keeps an acknowledged write across kill -9 and restart thanks to the AOF', async () => {
    redis = await startRedis({ appendfsync: 'always' })
    const client = createRedis(redis.url)
    await client.set('maison:test:key', 'survives')
    client.disconnect()
    const before = redis.pid

    await redis.kill9()
    expect(await pingRedis(redis.port)).toBe(false)
    await redis.restart()

    expect(redis.pid).not.toBe(before)
    const again = createRedis(redis.url)
    try {
      expect(await again.get('maison:test:key')).toBe('survives')
      expect(await again.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction'])
    } finally {
      again.disconnect()
    }
  })

  it('loses the data after a crash when the AOF is off', async () => {
    redis = await startRedis({ appendonly: false })
    const client = createRedis(redis.url)
    await client.set('maison:test:key', 'gone')
    client.disconnect()
    await redis.kill9()
    await redis.restart()
    const again = createRedis(redis.url)
    try {
      expect(await again.get('maison:test:key')).toBeNull()
    } finally {
      again.disconnect()
    }
  })

  it('stop() shuts Redis down and frees the port', async () => {
    const r = await startRedis()
    await r.stop()
    expect(await pingRedis(r.port)).toBe(false)
  })
})
