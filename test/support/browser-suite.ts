/**
 * The set-up shared by browser test files: a real workspace host and Debian's Chromium, started
 * before the file's tests and closed after them, and a page logged in to a fresh space.
 */
import type { BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { LoginPage } from '../browser/pages/LoginPage.ts'
import { launchBrowser, type TestBrowser } from './browser.ts'
import { startTestServer, type TestServer } from './server.ts'

export interface SpaceAccount {
  username: string
  password: string
}

export interface BrowserSuite {
  /** The host; read it inside tests and hooks (it starts in beforeAll). */
  readonly server: TestServer
  readonly browser: TestBrowser
  /** Creates space `slug` with `admin` as its administrator; returns the space's URL. */
  space(slug: string, admin: SpaceAccount, name: string): Promise<string>
  /** A page in a fresh context, logged in to `spaceUrl` as `account` (it lands on the Files app). */
  loggedIn(spaceUrl: string, account: SpaceAccount, opts?: BrowserContextOptions): Promise<Page>
}

/** Registers the hooks that start a test host and Chromium for the calling file and close them at its end. */
export function browserSuite(): BrowserSuite {
  let server: TestServer | undefined
  let browser: TestBrowser | undefined

  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const started = <T>(part: T | undefined, what: string): T => {
    if (!part) throw new Error(`browserSuite: the ${what} starts in beforeAll; read it inside a test or a hook`)
    return part
  }

  return {
    get server() {
      return started(server, 'host')
    },
    get browser() {
      return started(browser, 'browser')
    },
    async space(slug, admin, name) {
      await started(server, 'host').createSpace(slug, { admin, name })
      return started(server, 'host').spaceUrl(slug)
    },
    async loggedIn(spaceUrl, account, opts = {}) {
      const page = await started(browser, 'browser').newPage(opts)
      const login = new LoginPage(page)
      await login.open(spaceUrl)
      await login.login(account.username, account.password)
      return page
    },
  }
}
