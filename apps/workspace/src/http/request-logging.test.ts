/** The access log: pages at info, DAV requests (sync clients' constant polling) at debug only. */
import http from 'node:http'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../../../test/support/server.ts'

const AUTH = 'Basic ' + Buffer.from('admin:log-password-1').toString('base64')

interface Line {
  level: number
  msg: string
  req?: { url: string; headers: Record<string, string> }
  res?: { statusCode: number }
}

function memoryLogger(level: string) {
  const lines: Line[] = []
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const text of chunk.toString('utf8').split('\n')) if (text) lines.push(JSON.parse(text) as Line)
      done()
    },
  })
  return { logger: pino({ level }, stream), lines }
}

function request(url: string, method: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode!))
    })
    req.on('error', reject)
    req.end()
  })
}

const accessLines = (lines: Line[], path: string) => lines.filter((l) => l.req?.url.includes(path) && l.res)

let t: TestServer | undefined
afterEach(async () => {
  await t?.close()
  t = undefined
})

async function serverWith(level: string) {
  const log = memoryLogger(level)
  t = await startTestServer({}, { logger: log.logger })
  await t.createSpace('logs', { admin: { username: 'admin', password: 'log-password-1' } })
  return { t, lines: log.lines }
}

describe('request logging', () => {
  it('at info, logs pages and leaves DAV requests out', async () => {
    const { t, lines } = await serverWith('info')
    expect(await request(`${t.spaceUrl('logs')}/login`, 'GET')).toBe(200)
    expect(await request(`${t.spaceUrl('logs')}/remote.php/dav/files/admin/`, 'PROPFIND', { authorization: AUTH, depth: '0' })).toBe(207)
    expect(await request(`${t.spaceUrl('logs')}/remote.php/dav/files/admin/missing.txt`, 'GET', { authorization: AUTH })).toBe(404)
    await new Promise((r) => setTimeout(r, 50))
    const page = accessLines(lines, '/s/logs/login')
    expect(page).toHaveLength(1)
    expect(page[0]!.level).toBe(30)
    expect(accessLines(lines, '/remote.php/dav')).toEqual([])
  })

  it('at debug, logs DAV requests at debug, without their credentials', async () => {
    const { t, lines } = await serverWith('debug')
    expect(await request(`${t.spaceUrl('logs')}/remote.php/dav/files/admin/`, 'PROPFIND', { authorization: AUTH, depth: '0' })).toBe(207)
    await new Promise((r) => setTimeout(r, 50))
    const dav = accessLines(lines, '/remote.php/dav/files/admin/')
    expect(dav).toHaveLength(1)
    expect(dav[0]!.level).toBe(20)
    expect(dav[0]!.res!.statusCode).toBe(207)
    expect(JSON.stringify(dav[0])).not.toContain(AUTH.slice(6))
  })
})
