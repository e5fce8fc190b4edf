import type { Page } from 'playwright-core'

/** The shell's top bar, on every page. */
export class TopBar {
  constructor(private readonly page: Page) {}

  /** Clicks the language switch and waits for the page to come back in the other language. */
  async switchLanguage(): Promise<void> {
    const before = await this.page.locator('html').getAttribute('lang')
    await Promise.all([this.page.waitForEvent('load'), this.page.locator('[data-test=language-switch]').first().click()])
    await this.page.waitForFunction((lang) => document.documentElement.lang !== lang, before)
  }
}
