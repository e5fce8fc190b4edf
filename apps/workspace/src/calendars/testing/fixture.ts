import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { migrate, openDatabase } from '@maison/db'
import type { SpaceContext } from '@maison/app-contract'
import { createDavRouter } from '../../dav/router.ts'
import { accountsMigrations } from '../../accounts/index.ts'
import { calendarsMigrations } from '../../../migrations/calendars/index.ts'
import { filesMigrations } from '../../../migrations/files/index.ts'
import { CalendarsDavProvider } from '../dav/provider.ts'
import { PrincipalsDavProvider } from '../dav/principals-provider.ts'

/** A space with the calendars schema and the DAV router, Basic auth alice/secret (admin); for benches. */
export function createCalendarFixture(): { space: SpaceContext; app: express.Express; dataDir: string; close(): void } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-cal-'))
  const dir = path.join(dataDir, 'spaces', 'demo')
  fs.mkdirSync(dir, { recursive: true })
  const db = openDatabase(path.join(dir, 'space.sqlite'))
  // DAV locks live in the files schema.
  migrate(db, [accountsMigrations, filesMigrations, calendarsMigrations])
  const space: SpaceContext = { slug: 'demo', name: 'Demo', db, dir, baseUrl: 'http://127.0.0.1/s/demo', pathPrefix: '/s/demo', limits: { maxAccounts: 50, quotaBytes: 1e12 } }
  const app = express()
  app.use('/s/demo', (req, _res, next) => {
    req.space = space
    if (req.get('authorization') === 'Basic ' + Buffer.from('alice:secret').toString('base64')) {
      req.principal = { accountId: 1, username: 'alice', displayName: 'Alice', role: 'admin', email: null, language: null, quotaBytes: null, via: 'password' }
    }
    next()
  })
  app.use('/s/demo/remote.php/dav', createDavRouter({ providers: [new CalendarsDavProvider(), new PrincipalsDavProvider()] }))
  return { space, app, dataDir, close: () => db.close() }
}

/** Listens on a random loopback port. */
export async function listen(app: express.Express): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer(app)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) }
}
