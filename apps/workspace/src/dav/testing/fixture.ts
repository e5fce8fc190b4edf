import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { migrate, openDatabase, type Db } from '@maison/db'
import type { Principal, SpaceContext } from '@maison/app-contract'
import { createDavRouter } from '../router.ts'
import { FilesDavProvider } from '../../files/dav-provider.ts'
import { filesMigrations } from '../../../migrations/files/index.ts'

/** Accounts of the fixture space; the password of each is "secret". */
export const FIXTURE_USERS: Record<string, Pick<Principal, 'role' | 'quotaBytes'>> = {
  alice: { role: 'admin', quotaBytes: null },
  bob: { role: 'member', quotaBytes: null },
  carol: { role: 'member', quotaBytes: 1000 },
}

export interface Fixture {
  dataDir: string
  space: SpaceContext
  app: express.Express
  close(): void
}

/**
 * A tiny app standing in for the lead's middleware: a real space.sqlite with the files migrations,
 * Basic auth against FIXTURE_USERS, and the DAV router at both mounts. Tests and the litmus run use it.
 */
export function createFixture(opts: { dataDir?: string; slug?: string; quotaBytes?: number; db?: Db } = {}): Fixture {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'maison-dav-'))
  const slug = opts.slug ?? 'demo'
  const dir = path.join(dataDir, 'spaces', slug)
  fs.mkdirSync(dir, { recursive: true })
  const db = opts.db ?? openDatabase(path.join(dir, 'space.sqlite'))
  migrate(db, [filesMigrations])
  const space: SpaceContext = {
    slug, name: slug, db, dir, baseUrl: `http://127.0.0.1/s/${slug}`, pathPrefix: `/s/${slug}`,
    limits: { maxAccounts: 50, quotaBytes: opts.quotaBytes ?? 10 * 1024 ** 3 },
  }
  const app = express()
  app.use('/s/:space', (req, res, next) => {
    if (req.params.space !== slug) {
      res.status(404).end()
      return
    }
    req.space = space
    const m = /^Basic (.+)$/.exec(req.get('authorization') ?? '')
    if (m) {
      const [user, pass] = Buffer.from(m[1]!, 'base64').toString().split(':')
      const u = FIXTURE_USERS[user!]
      if (u && pass === 'secret') {
        req.principal = { accountId: 1, username: user!, displayName: user!, role: u.role, email: null, language: null, quotaBytes: u.quotaBytes, via: 'password' }
      }
    }
    next()
  })
  const router = createDavRouter({ providers: [new FilesDavProvider()] })
  app.use('/s/:space/remote.php/dav', router)
  app.use('/s/:space/remote.php/webdav', router)
  return { dataDir, space, app, close: () => db.close() }
}

/** Starts an app on 127.0.0.1, random port. */
export async function listen(app: express.Express): Promise<{ server: http.Server; port: number; close(): Promise<void> }> {
  const server = http.createServer(app)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  return {
    server,
    port,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}
