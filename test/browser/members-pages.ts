import type { Download, Page } from 'playwright-core'

/** The members app in the shell, seen by an admin or by a member. */
export class MembersApp {
  constructor(private readonly page: Page, private readonly spaceUrl: string) {}

  private input(test: string) {
    return this.page.locator(`[data-test=${test}]`)
  }

  /** Opens a route of the app and waits for the Vue view. */
  async open(route: string, ready: string): Promise<void> {
    await this.page.goto(`${this.spaceUrl}/apps/members/${route}`)
    await this.input(ready).first().waitFor()
  }

  async addCategory(name: string): Promise<void> {
    await this.open('settings/categories', 'categories')
    await this.input('category-name').fill(name)
    await this.input('category-add').click()
    await this.page.locator(`[data-test=categories] tr[data-test-name="${name}"]`).waitFor()
  }

  /** Creates a season activity with one fee per category (label = category name). */
  async addSeasonActivity(name: string, start: string, end: string, fees: { category: string; amount: string }[]): Promise<void> {
    await this.open('settings/activities', 'activity-form')
    await this.input('activity-name').fill(name)
    await this.input('activity-validity').selectOption('season')
    await this.input('activity-start').fill(start)
    await this.input('activity-end').fill(end)
    for (const [i, fee] of fees.entries()) {
      if (i > 0) await this.input('fee-add').click()
      const row = this.input(`fee-${i}`)
      await row.locator('[data-test=fee-label]').fill(fee.category)
      await row.locator('[data-test=fee-amount]').fill(fee.amount)
      await row.locator('[data-test=fee-category]').selectOption({ label: fee.category })
    }
    await this.input('activity-save').click()
    await this.page.locator(`[data-test=activities] article[data-test-name="${name}"]`).waitFor()
  }

  /** Adds a reminder rule (default FR/EN texts) to an activity. */
  async addReminder(activity: string, offsetDays: number): Promise<void> {
    const article = this.page.locator(`[data-test=activities] article[data-test-name="${activity}"]`)
    await article.locator('[data-test=rule-new]').click()
    await article.locator('[data-test=rule-offset]').fill(String(offsetDays))
    const before = await article.locator('[data-test=reminder-rules] li').count()
    await article.locator('[data-test=rule-save]').click()
    await article.locator('[data-test=reminder-rules] li').nth(before).waitFor()
  }

  /** Uploads a CSV, previews it and returns the line numbers reported as bad. */
  async previewImport(name: string, content: Buffer): Promise<number[]> {
    await this.open('import', 'import')
    await this.input('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: content })
    await this.input('import-preview').click()
    await this.input('import-summary').waitFor()
    return this.page.locator('[data-test=import-errors] li').evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-line'))))
  }

  importButton() {
    return this.input('import-run')
  }

  /** Ticks "skip bad lines", imports and returns the outcome sentence. */
  async importSkippingBadLines(): Promise<string> {
    await this.input('import-skip').check()
    await this.importButton().click()
    return this.input('import-done').innerText()
  }

  /** Finds a member through the list's search and opens their page. */
  async openMember(search: string, number: string): Promise<void> {
    await this.open('', 'member-list')
    await this.input('filter-search').fill(search)
    const row = this.page.locator(`tr[data-test=member-row][data-test-number="${number}"]`)
    await row.waitFor()
    await row.locator('a').first().click()
    await this.input('member-detail').waitFor()
  }

  /** Records a payment with the proposed fee amount of the only activity. */
  async recordPayment(paidOn: string, method: string): Promise<void> {
    const before = await this.page.locator('[data-test=payments] tbody tr').count()
    await this.input('payment-date').fill(paidOn)
    await this.input('payment-method').selectOption(method)
    await this.input('payment-save').click()
    await this.page.locator('[data-test=payments] tbody tr').nth(before).waitFor()
  }

  async linkAccount(username: string): Promise<void> {
    await this.input('edit').click()
    await this.input('member-form').waitFor()
    await this.input('account').fill(username)
    await this.input('member-save').click()
    await this.input('member-detail').waitFor()
  }

  /** Ticks members in the list (by member number) so that the bulk actions show. */
  async selectMembers(numbers: string[]): Promise<void> {
    await this.open('', 'member-list')
    for (const number of numbers) await this.page.locator(`tr[data-test=member-row][data-test-number="${number}"] input[type=checkbox]`).check()
    await this.input('bulk-actions').waitFor()
  }

  /** Opens the message dialog of the selection and fills it in (not sent yet). */
  async composeMessage(subject: string, body: string): Promise<void> {
    await this.input('bulk-message').click()
    await this.input('message-subject').fill(subject)
    await this.input('message-body').fill(body)
  }

  /** Presses Send in the message dialog. */
  async sendMessage(): Promise<void> {
    await this.input('message-send').click()
  }

  /** The progress line of the last message sent from the list. */
  messageProgress() {
    return this.input('message-progress')
  }

  /** Presses "send today's reminders now". */
  async runReminders(): Promise<void> {
    await this.open('settings/reminders', 'reminders-preview')
    const [res] = await Promise.all([
      this.page.waitForResponse((r) => r.url().endsWith('/apps/members/api/reminders/run') && r.request().method() === 'POST'),
      this.input('reminders-run').click(),
    ])
    if (res.status() !== 202) throw new Error(`reminder run answered ${res.status()}`)
  }

  /** Downloads the member's own card as PNG from "my membership". */
  async downloadOwnCard(): Promise<Download> {
    await this.input('my-status').waitFor()
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.input('my-card-png').click()])
    return download
  }
}
