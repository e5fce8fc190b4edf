import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { checkCatalogue } from '../support/catalogue.ts'

it('translates every string of the members UI into French, keeps placeholders and gives plurals two forms', () => {
  const report = checkCatalogue(fileURLToPath(new URL('../../apps/members/', import.meta.url)), 'members')
  expect(report.used).toBeGreaterThan(200)
  expect(report).toMatchObject({ missing: [], broken: [], badPlurals: [] })
})
