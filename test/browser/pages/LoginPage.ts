import type { Page } from 'playwright-core'

/** The space's login page. */
export class LoginPage {
  constructor(private readonly page: Page) {}

  async open(spaceUrl: string): Promise<void> {
    await this.page.goto(`${spaceUrl}/login`)
    await this.page.locator('input[data-test=login-username], [data-test=login-username] input').waitFor()
  }

  /** Logs in and waits for the Files app. */
  async login(username: string, password: string): Promise<void> {
    await this.page.locator('input[data-test=login-username], [data-test=login-username] input').fill(username)
    await this.page.locator('input[data-test=login-password], [data-test=login-password] input').fill(password)
    await this.page.locator('input[data-test=login-password], [data-test=login-password] input').press('Enter')
    await this.page.waitForURL(/\/apps\/files\/$/)
  }

  error() {
    return this.page.locator('[data-test=login-error]')
  }
}
