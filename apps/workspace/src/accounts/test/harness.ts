import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import express, { type NextFunction, type Request, type Response } from 'express'
import pino from 'pino'
import type { Redis } from 'ioredis'
import type { SpaceContext } from '@maison/app-contract'
import { loadConfig } from '@maison/config'
import { migrate, openDatabase, type Db } from '@maison/db'
import { problemHandler } from '../../http/errors.ts'
import type { MailMessage } from '@maison/mail'
import { createRedis } from '@maison/queue'
import { accountsMigrations, createAccountsRouter, ensureAccount, type AccountFilesHooks } from '../index.ts'
import { createAuthMiddleware, sessionInfo } from '../../auth/index.ts'
import { createOcsRouter } from '../../ocs/index.ts'
import type { ThrottleOptions } from '../../auth/throttle.ts'
import { InternalTokens } from '../../auth/internalTokens.ts'

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

/** A throwaway redis-server (or MAISON_TEST_REDIS_URL when set). */
export async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.MAISON_TEST_REDIS_URL) return { url: process.env.MAISON_TEST_REDIS_URL, stop: async () => {} }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-redis-'))
  const port = await freePort()
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' })
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((r) => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); r(true) })
      s.on('error', () => r(false))
    })
    if (up) break
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Real file hooks over the temp dir: sizes from disk, removal and transfer by rename. */
export function diskFiles(root: string): AccountFilesHooks {
  const userDir = (u: string) => path.join(root, 'files', u)
  const size = (p: string): number => {
    if (!fs.existsSync(p)) return 0
    const st = fs.statSync(p)
    return st.isDirectory() ? fs.readdirSync(p).reduce((n, e) => n + size(path.join(p, e)), 0) : st.size
  }
  return {
    usage: (_space, username) => size(userDir(username)),
    removeUserFiles: async (_space, username, mode) => {
      if (!fs.existsSync(userDir(username))) return
      if (mode === 'delete') return fs.rmSync(userDir(username), { recursive: true, force: true })
      const dest = path.join(userDir(mode.transferTo), `Transferred from ${username}`)
      fs.mkdirSync(path.dirname(dest), { recursive: true })
      fs.renameSync(userDir(username), dest)
    },
  }
}

export interface Harness {
  base: string
  api: string
  db: Db
  dir: string
  mails: MailMessage[]
  redis: Redis
  space: Omit<SpaceContext, 'db'>
  close: () => Promise<void>
}

/** Boots an express app with the accounts, auth and OCS routers over a real space.sqlite and Redis. */
export async function startHarness(redisUrl: string, opts: { maxAccounts?: number; throttle?: ThrottleOptions } = {}): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-accounts-'))
  const db = openDatabase(path.join(dir, 'space.sqlite'))
  migrate(db, [accountsMigrations])
  const prefix = `t${process.pid}x${Math.random().toString(36).slice(2, 8)}`
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' })
  const redis = createRedis(redisUrl)
  const mails: MailMessage[] = []
  const deps = {
    config, redis, clock: () => new Date(), logger: pino({ level: 'silent' }), files: diskFiles(dir),
    sendMail: async (m: MailMessage) => { mails.push(m) }, spaceName: () => 'Les Amis du Quartier', throttle: opts.throttle,
    internalTokens: new InternalTokens(randomBytes(32), () => new Date()),
  }
  const app = express()
  app.set('trust proxy', true)
  const space = { slug: 'demo', name: 'Demo', dir, baseUrl: '', pathPrefix: '/s/demo', limits: { maxAccounts: opts.maxAccounts ?? 50, quotaBytes: 10 * 1024 ** 3 } }
  app.use('/s/:space', (req: Request, _res: Response, next: NextFunction) => {
    if (req.params.space !== 'demo') return next(Object.assign(new Error('no such space'), { status: 404 }))
    req.space = { ...space, db }
    next()
  }, createAuthMiddleware(deps))
  // Stands in for the lead's HTML shell, which puts this token in <head data-requesttoken>.
  app.get('/s/:space/shell', (req, res) => {
    const info = sessionInfo(req)
    res.json({ requestToken: info.requestToken, user: info.principal?.username ?? null })
  })
  app.use('/s/:space/api/v1', createAccountsRouter(deps))
  app.use('/s/:space/ocs/v2.php', createOcsRouter(deps))
  app.use('/s/:space/ocs/v1.php', createOcsRouter(deps))
  app.use(problemHandler(deps.logger))
  const server: Server = await new Promise((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)) })
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  space.baseUrl = `${base}/s/demo`
  await ensureAccount(db, { username: 'admin', password: 'admin-password-1', role: 'admin', email: 'admin@example.org', displayName: 'Ada Admin' })
  return {
    base, api: `${base}/s/demo/api/v1`, db, dir, mails, redis, space,
    close: async () => {
      await new Promise((r) => server.close(r))
      const keys = await redis.keys(`${prefix}:*`)
      if (keys.length) await redis.del(...keys)
      redis.disconnect()
      db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A browser: keeps cookies, sends same-origin Origin, a fixed address and the CSRF token it was given. */
export class Browser {
  cookies = new Map<string, string>()
  token?: string

  constructor(private readonly h: Harness, readonly ip = '203.0.113.7') {}

  /** Gets a logged-out CSRF token the way the shell would (the signed cookie), minted by a public route. */
  async anonymousToken(): Promise<string> {
    const res = await this.fetch(`${this.h.base}/s/demo/shell`)
    this.token = ((await res.json()) as { requestToken: string }).requestToken
    return this.token
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async fetch(pathname: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; token?: boolean } = {}) {
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip, origin: this.h.base }
    if (this.cookies.size) headers.cookie = this.cookieHeader()
    if (init.token !== false && this.token) headers.requesttoken = this.token
    Object.assign(headers, init.headers)
    if (init.body !== undefined) headers['content-type'] = 'application/json'
    const res = await fetch(pathname.startsWith('http') ? pathname : `${this.h.api}${pathname}`, {
      method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq), value = pair!.slice(eq + 1)
      if (/Max-Age=0/.test(c)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return res
  }

  /** Logs in through the web login and keeps the session's CSRF token. */
  async login(username: string, password: string) {
    if (!this.token) await this.anonymousToken()
    const res = await this.fetch('/session', { method: 'POST', body: { username, password } })
    if (res.status === 200) this.token = ((await res.clone().json()) as { requestToken: string }).requestToken
    return res
  }
}

/** HTTP Basic header. */
export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
}
