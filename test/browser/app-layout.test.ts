/**
 * The app layout of the shell (MaisonAppLayout), as the events and members apps use it: each role sees its
 * sections only, and the content area carries the app's class and the shared headings and tables.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSuite } from '../support/browser-suite.ts'
import { basic } from '../support/session.ts'

// The UI must be built first (npm run build:ui); the server serves dist/ui at /assets/.
const admin = { username: 'alice', password: 'alice-password-1' }
const member = { username: 'bob', password: 'bob-password-12' }

/** The `data-test` names of the navigation's sections, in order, once `app` has rendered. */
async function sections(page: Page, spaceUrl: string, app: string): Promise<string[]> {
  await page.goto(`${spaceUrl}/apps/${app}/`)
  await page.locator(`main.maison-app.${app}-app h2`).first().waitFor()
  return page.locator('[data-test^="nav-"]').evaluateAll((items) => items.map((i) => i.getAttribute('data-test') ?? ''))
}

describe('app layout', () => {
  const host = browserSuite()

  it('shows admins every section and members only theirs, with the shared content styles', async () => {
    const spaceUrl = await host.space('layout', admin, 'Cercle de lecture')
    const res = await fetch(`${spaceUrl}/api/v1/accounts`, {
      method: 'POST',
      headers: { authorization: basic(admin.username, admin.password), 'content-type': 'application/json' },
      body: JSON.stringify({ ...member, role: 'member', email: 'bob@example.org' }),
    })
    expect(res.status).toBe(201)

    const asAdmin = await host.loggedIn(spaceUrl, admin, { locale: 'en-GB' })
    expect(await sections(asAdmin, spaceUrl, 'events')).toEqual(['nav-events', 'nav-new', 'nav-site'])
    const heading = await asAdmin.locator('main.events-app h2').first().evaluate((h) => {
      const s = getComputedStyle(h)
      return { size: s.fontSize, margin: s.margin }
    })
    expect(heading).toEqual({ size: '20px', margin: '8px 0px 16px' })
    expect(await sections(asAdmin, spaceUrl, 'members')).toEqual(['nav-members', 'nav-new', 'nav-import', 'nav-settings', 'nav-me'])
    const cell = await asAdmin.locator('main.members-app th').first().evaluate((c) => getComputedStyle(c).padding)
    expect(cell).toBe('6px 8px')

    const asMember = await host.loggedIn(spaceUrl, member, { locale: 'en-GB' })
    expect(await sections(asMember, spaceUrl, 'events')).toEqual(['nav-events'])
    expect(await sections(asMember, spaceUrl, 'members')).toEqual(['nav-me'])
  })
})
