/**
 * The real host for members tests, like startTestServer() but with a clock the test moves
 * (startTestServer takes no clock yet; see the members closing note).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import { inject } from 'vitest'
import { loadConfig } from '@maison/config'
import { startServer, type RunningServer } from '@maison/workspace'

export const basic = (u: string, p: string): string => 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64')

export interface MembersTestServer {
  url: string
  dataDir: string
  server: RunningServer
  /** Moves the host's clock (reminders, statuses, verify page). */
  setNow(iso: string): void
  spaceUrl(slug: string): string
  api(slug: string): string
  createSpace(slug: string, adminPassword?: string): Promise<void>
  close(): Promise<void>
}

function redisUrl(): string {
  try {
    return inject('redisUrl')
  } catch {
    return process.env.MAISON_TEST_REDIS_URL!
  }
}

/** Starts the host with a movable clock; `env` overrides configuration (SMTP_URL, REDIS_URL, ROLE…). */
export async function startMembersServer(env: Record<string, string> = {}, start = '2026-01-10T09:00:00Z'): Promise<MembersTestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-members-'))
  let now = new Date(start)
  const config = loadConfig({
    NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, REDIS_URL: redisUrl(),
    QUEUE_PREFIX: `t${crypto.randomBytes(5).toString('hex')}`, LOG_LEVEL: process.env.MAISON_TEST_LOG_LEVEL ?? 'silent', ...env,
  })
  const server = await startServer(config, { clock: () => now })
  return {
    url: server.url, dataDir, server,
    setNow: (iso) => void (now = new Date(iso)),
    spaceUrl: (slug) => `${server.url}/s/${slug}`,
    api: (slug) => `${server.url}/s/${slug}/apps/members/api`,
    createSpace: (slug, adminPassword = `${slug}-password-1`) =>
      server.createSpace({ slug, name: `Association ${slug}`, admin: { username: 'admin', password: adminPassword, email: `admin@${slug}.invalid` } }),
    async close() {
      await server.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A small JSON client for one space with one credential. */
export function client(base: string, authorization: string) {
  const call = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${base}${p}`, {
      method, headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    let json: any = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      json = text
    }
    return { status: res.status, body: json, headers: res.headers }
  }
  return {
    get: (p: string) => call('GET', p),
    post: (p: string, b?: unknown) => call('POST', p, b ?? {}),
    patch: (p: string, b: unknown) => call('PATCH', p, b),
    del: (p: string) => call('DELETE', p),
  }
}
