import type { Locator, Page } from 'playwright-core'

/** The visuals app: gallery, editor and its export panel. */
export class VisualsPage {
  constructor(private readonly page: Page) {}

  async openGallery(spaceUrl: string): Promise<void> {
    await this.page.goto(`${spaceUrl}/apps/visuals/`)
    await this.page.locator('[data-test=gallery]').waitFor()
  }

  async pickTemplate(id: string, language: 'en' | 'fr'): Promise<void> {
    await this.page.locator('[data-test=gallery-language]').selectOption(language)
    await this.page.locator(`a[data-template="${id}"]`).click()
    await this.page.locator('[data-test=editor]').waitFor()
    await this.waitForPreview()
  }

  field(id: string): Locator {
    return this.page.locator(`[data-field="${id}"]`)
  }

  /** The current preview image's data URL. */
  async previewSrc(): Promise<string> {
    return (await this.page.locator('img[data-test=preview]').getAttribute('src')) ?? ''
  }

  async waitForPreview(): Promise<void> {
    await this.page.locator('img[data-test=preview]').waitFor()
  }

  /** Runs `action`, then waits until the live preview shows a new image. */
  async changeAndWaitForPreview(action: () => Promise<void>): Promise<void> {
    const before = await this.previewSrc()
    await action()
    await this.page.waitForFunction((old) => {
      const img = document.querySelector('img[data-test=preview]')
      return img && img.getAttribute('src') !== old
    }, before, { timeout: 20_000 })
  }

  async typeText(id: string, text: string): Promise<void> {
    const input = this.field(id).locator('input, textarea').first()
    await input.fill('')
    await input.pressSequentially(text, { delay: 5 })
  }

  /** Picks a kit colour for a colour field (the radio sits under its swatch). */
  async pickColour(id: string, role: string): Promise<void> {
    await this.field(id).locator(`label:has(input[data-role="${role}"])`).click()
  }

  checkedColour(id: string): Promise<string | null> {
    return this.field(id).locator('input[type=radio]:checked').getAttribute('data-role')
  }

  async uploadPhoto(id: string, name: string, buffer: Buffer, mimeType = 'image/png'): Promise<void> {
    await this.field(id).locator('input[type=file]').setInputFiles({ name, mimeType, buffer })
  }

  /** Saves the visual in the space's Files as `type`; answers the saved path the app reports. */
  async saveToFiles(type: 'png' | 'jpeg' | 'pdf', name: string): Promise<string> {
    await this.page.locator('[data-test=export-type]').selectOption(type)
    await this.page.locator('[data-test=export-name]').fill(name)
    await this.page.locator('[data-test=export-save]').click()
    // Print exports (PDF) run as a job: a progress bar shows while the server renders.
    if (type === 'pdf') await this.page.locator('[data-test=export-progress] progress').waitFor({ state: 'attached', timeout: 10_000 })
    const saved = this.page.locator('[data-test=export-saved]')
    await saved.waitFor({ timeout: 30_000 })
    return (await saved.innerText()).match(/\/Visuals\/[^\n]+?\.(png|jpg|pdf)/)?.[0] ?? ''
  }
}
