import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core'
import { onTestFinished } from 'vitest'

/** Where failure screenshots go (git-ignored). */
export const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url))

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
]

export interface TestBrowser {
  browser: Browser
  /**
   * A page in its own fresh context (own cookies and storage). Inside a test, the page closes at the
   * end of that test, after a screenshot to test-results/ if the test failed.
   */
  newPage(opts?: BrowserContextOptions): Promise<Page>
  close(): Promise<void>
}

/** Launches Debian's Chromium headless; each launch gets a fresh temporary profile. */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS })
  return {
    browser,
    async newPage(opts = {}) {
      const context = await browser.newContext(opts)
      const page = await context.newPage()
      try {
        onTestFinished(async ({ task }) => {
          if (task.result?.state === 'fail') await saveScreenshot(page, task.fullName)
          await context.close().catch(() => {})
        })
      } catch {
        // Outside a running test (e.g. in beforeAll) the caller closes the page itself.
      }
      return page
    },
    async close() {
      await browser.close()
    },
  }
}

/** Saves a full-page PNG named after the test; returns its path, or null when the page is gone. */
export async function saveScreenshot(page: Page, name: string): Promise<string | null> {
  if (page.isClosed()) return null
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
  const file = path.join(RESULTS_DIR, `${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 120)}-${Date.now()}.png`)
  try {
    await page.screenshot({ path: file, fullPage: true, timeout: 10_000 })
    return file
  } catch {
    return null
  }
}
