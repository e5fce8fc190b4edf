import type { Locator, Page } from 'playwright-core'

/** The Files app: list, toolbar, row actions and their dialogs. */
export class FilesPage {
  constructor(private readonly page: Page) {}

  row(name: string): Locator {
    return this.page.locator(`tr[data-test-name="${name}"]`)
  }

  async rowNames(): Promise<string[]> {
    return this.page.locator('tr[data-test-name]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-test-name') ?? ''))
  }

  async waitForList(): Promise<void> {
    await this.page.locator('[data-test=file-browser]').waitFor()
    await this.page.locator('[data-test=file-table], .empty-content').first().waitFor()
  }

  /** Uploads through the file picker and waits until the file is listed. */
  async upload(name: string, content: Buffer, mimeType = 'application/octet-stream'): Promise<void> {
    await this.page.locator('[data-test=upload-input]').setInputFiles({ name, mimeType, buffer: content })
    await this.row(name).waitFor()
  }

  /** Drops files onto the list as a desktop file manager would. */
  async drop(files: Array<{ name: string; content: string }>): Promise<void> {
    await this.page.locator('[data-test=file-browser]').evaluate((target, list) => {
      const transfer = new DataTransfer()
      for (const f of list) transfer.items.add(new File([f.content], f.name, { type: 'text/plain' }))
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }))
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
    }, files)
    for (const f of files) await this.row(f.name).waitFor()
  }

  async createFolder(name: string): Promise<void> {
    await this.page.locator('[data-test=new-folder]').click()
    const input = this.page.locator('input[data-test=new-folder-name], [data-test=new-folder-name] input')
    await input.fill(name)
    await input.press('Enter')
    await this.row(name).waitFor()
  }

  private async action(name: string, action: string): Promise<void> {
    await this.row(name).locator('[data-test=row-actions] button').first().click()
    await this.page.locator(`[data-test=action-${action}]`).filter({ visible: true }).first().click()
  }

  /** Moves `name` into the folder `folder` of the current folder with the folder picker. */
  async moveInto(name: string, folder: string): Promise<void> {
    await this.action(name, 'move')
    await this.page.locator(`[data-test-folder="${folder}"]`).click()
    await this.page.locator('[data-test=move-location]').filter({ hasText: folder }).waitFor()
    await this.page.locator('[data-test=move-confirm]').click()
    await this.row(name).waitFor({ state: 'detached' })
  }

  async openFolder(name: string): Promise<void> {
    await this.row(name).locator('.file-row__link').click()
    await this.page.waitForURL((url) => url.searchParams.get('dir')?.endsWith(`/${name}`) ?? false)
    await this.waitForList()
  }

  /** Creates a share link for `name` and returns its URL. */
  async createShareLink(name: string): Promise<string> {
    await this.action(name, 'share')
    await this.page.locator('[data-test=share-create]').click()
    const url = this.page.locator('[data-test=share-url]').first()
    await url.waitFor()
    const value = await url.inputValue()
    await this.page.keyboard.press('Escape')
    return value
  }

  async deleteToTrash(name: string): Promise<void> {
    await this.action(name, 'delete')
    await this.page.locator('[data-test=delete-confirm]').click()
    await this.row(name).waitFor({ state: 'detached' })
  }
}
