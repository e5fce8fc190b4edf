import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { checkCatalogue } from '../support/catalogue.ts'

it('translates every string of the events UI into French, with the same placeholders', () => {
  const report = checkCatalogue(fileURLToPath(new URL('../../apps/events/', import.meta.url)), 'events')
  expect(report.used).toBeGreaterThan(100)
  expect(report).toMatchObject({ missing: [], broken: [], badPlurals: [] })
})
