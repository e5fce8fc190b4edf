import { describe, expect, inject, it } from 'vitest'
import { createRedis } from '@maison/queue'

describe('global setup', () => {
  it('provides one live Redis with AOF on, both injected and in the environment', async () => {
    const url = inject('redisUrl')
    expect(url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/)
    expect(process.env.MAISON_TEST_REDIS_URL).toBe(url)
    const client = createRedis(url)
    try {
      expect(await client.ping()).toBe('PONG')
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes'])
    } finally {
      client.disconnect()
    }
  })
})
