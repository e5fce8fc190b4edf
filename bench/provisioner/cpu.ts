/** CPU time spent during a timed run: this process (host + workers + driver) and the redis-server. */
import type { Redis } from 'ioredis'

export interface CpuFigures {
  /** user + system CPU of this Node process, per item (job or space), in ms. */
  processMsPerItem: number
  /** user + system CPU of the redis-server, per item, in ms (from INFO cpu). */
  redisMsPerItem: number
}

async function redisCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu')
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? NaN)
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1000
}

/** Runs `fn` and divides the CPU both processes used meanwhile by `items`. */
export async function measureCpu<T>(redis: Redis, items: number, fn: () => Promise<T>): Promise<{ value: T; cpu: CpuFigures }> {
  const r0 = await redisCpuMs(redis)
  const p0 = process.cpuUsage()
  const value = await fn()
  const p = process.cpuUsage(p0)
  const r1 = await redisCpuMs(redis)
  return { value, cpu: { processMsPerItem: (p.user + p.system) / 1000 / items, redisMsPerItem: (r1 - r0) / items } }
}
