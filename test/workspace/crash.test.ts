/** kill -9 of the real host in the middle of large PUTs: old content or nothing, never a truncated file. */
import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { listeningPort } from '../support/child.ts'

const SERVE = path.join(import.meta.dirname, '..', 'support', 'serve-host.ts')
const auth = 'Basic ' + Buffer.from('alice:alice-password-1').toString('base64')
const F = '/s/crash/remote.php/dav/files/alice'
const children: ChildProcess[] = []

async function start(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVE, dataDir, inject('redisUrl')], { stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  const port = await listeningPort(child)
  return { child, port }
}

function request(port: number, method: string, p: string, body?: Buffer): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: p, headers: { Authorization: auth } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex')

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
})

describe('crash of the host during PUT', () => {
  it('keeps the old file or no file after kill -9, and serves everything else unchanged', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-host-crash-'))
    const first = await start(dataDir)
    const old = crypto.randomBytes(3 * 1024 * 1024)
    const other = Buffer.from('untouched neighbour')
    expect((await request(first.port, 'PUT', `${F}/big.bin`, old)).status).toBe(201)
    expect((await request(first.port, 'PUT', `${F}/other.txt`, other)).status).toBe(201)
    expect((await request(first.port, 'MKCOL', `${F}/Folder`)).status).toBe(201)

    const total = 300 * 1024 * 1024
    const uploads = ['big.bin', 'new.bin'].map((name) => {
      const req = http.request({ host: '127.0.0.1', port: first.port, method: 'PUT', path: `${F}/${name}`, headers: { Authorization: auth, 'Content-Length': String(total) } })
      req.on('error', () => undefined)
      return req
    })
    const chunk = Buffer.alloc(1024 * 1024, 120)
    for (let i = 0; i < 40; i++) for (const u of uploads) u.write(chunk)
    const tmpDir = path.join(dataDir, 'spaces', 'crash', 'tmp-uploads')
    for (let i = 0; i < 50 && !(fs.existsSync(tmpDir) && fs.readdirSync(tmpDir).length >= 2); i++) await new Promise((r) => setTimeout(r, 100))
    // Both uploads are under way when the host dies.
    expect(fs.readdirSync(tmpDir).length).toBeGreaterThanOrEqual(2)
    first.child.kill('SIGKILL')
    await new Promise((r) => first.child.once('exit', r))

    const second = await start(dataDir)
    const got = await request(second.port, 'GET', `${F}/big.bin`)
    expect(got.status).toBe(200)
    expect(sha(got.body)).toBe(sha(old))
    expect((await request(second.port, 'GET', `${F}/new.bin`)).status).toBe(404)
    expect((await request(second.port, 'GET', `${F}/other.txt`)).body.toString()).toBe(other.toString())
    const listing = (await request(second.port, 'PROPFIND', `${F}/`)).body.toString()
    expect(listing).toContain(`${F}/Folder/`)
    expect(listing).not.toContain('new.bin')
    // Nothing half-written is visible on disk either: every file under the account's tree is whole.
    const onDisk = fs.readdirSync(path.join(dataDir, 'spaces', 'crash', 'files', 'alice')).sort()
    expect(onDisk).toEqual(['Folder', 'big.bin', 'other.txt'])
    second.child.kill('SIGKILL')
    fs.rmSync(dataDir, { recursive: true, force: true })
  }, 90_000)
})
