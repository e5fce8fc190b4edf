import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRedis } from '@maison/queue'
import { ensureRedis, freePort, pingRedis, spawnRedis, stopRedis } from '../../scripts/lib/redis.ts'
import { REDIS_CONF } from '../support/redis.ts'

const HOLDER = fileURLToPath(new URL('./fixtures/hold-redis.ts', import.meta.url))
const quiet = { info: () => {}, warn: () => {} }

/** Runs the holder in its own process and resolves once its Redis answers. */
function holdRedis(dataDir: string, port: number): Promise<{ pid: number; line: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dataDir, String(port), REDIS_CONF], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      const line = b.toString().trim()
      if (line.startsWith('READY')) resolve({ pid: child.pid!, line })
    })
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)))
  })
}

async function waitUntil(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await check()) return true
    await new Promise((r) => setTimeout(r, 100))
  }
  return false
}

describe('ensureRedis', () => {
  let dataDir: string
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-ensure-'))
  })
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }))

  it('starts Redis with the AOF under DATA_DIR/redis and stops it on stop()', async () => {
    const port = await freePort()
    const redis = await ensureRedis({ dataDir, port, confPath: REDIS_CONF, log: quiet })
    expect(redis).toMatchObject({ url: `redis://127.0.0.1:${port}`, started: true })
    const client = createRedis(redis.url)
    expect(await client.config('GET', 'dir')).toEqual(['dir', fs.realpathSync(path.join(dataDir, 'redis'))])
    client.disconnect()
    expect(fs.existsSync(path.join(dataDir, 'redis', 'appendonlydir'))).toBe(true)
    await redis.stop()
    expect(await pingRedis(port)).toBe(false)
  })

  it('reuses a Redis left on the port with the same dir, and refuses one with another dir', async () => {
    const port = await freePort()
    const first = await ensureRedis({ dataDir, port, confPath: REDIS_CONF, log: quiet })
    try {
      const again = await ensureRedis({ dataDir, port, confPath: REDIS_CONF, log: quiet })
      expect(again.started).toBe(false)
      await again.stop()
      expect(await pingRedis(port)).toBe(true)
      const other = path.join(dataDir, 'other')
      await expect(ensureRedis({ dataDir: other, port, confPath: REDIS_CONF, log: quiet })).rejects.toThrow(/holds another Redis.*REDIS_PORT/)
    } finally {
      await first.stop()
    }
  })

  it('refuses a port held by something that is not Redis', async () => {
    const net = await import('node:net')
    const srv = net.createServer((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n')).listen(0, '127.0.0.1')
    await new Promise((r) => srv.once('listening', r))
    const port = (srv.address() as import('node:net').AddressInfo).port
    try {
      await expect(ensureRedis({ dataDir, port, confPath: REDIS_CONF, log: quiet })).rejects.toThrow(/used by another program/)
    } finally {
      srv.close()
    }
  })

  it.each(['SIGKILL', 'SIGTERM', 'SIGINT'] as const)('stops Redis when the parent dies by %s', async (signal) => {
    const port = await freePort()
    const holder = await holdRedis(dataDir, port)
    expect(holder.line).toBe(`READY redis://127.0.0.1:${port} true`)
    expect(await pingRedis(port)).toBe(true)
    process.kill(holder.pid, signal)
    expect(await waitUntil(async () => !(await pingRedis(port)), 5000)).toBe(true)
  })

  it('spawnRedis does not take another Redis already on the port for its own', async () => {
    const port = await freePort()
    const args = ['--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dataDir]
    const first = await spawnRedis(args, port)
    try {
      await expect(spawnRedis(args, port)).rejects.toThrow(/Address already in use/)
    } finally {
      await stopRedis(first)
    }
  })
})
