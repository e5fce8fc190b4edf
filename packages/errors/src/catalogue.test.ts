import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadMessageCatalogue, type MessageTable } from './localize.ts'
import { extractErrorMessages } from './message-extract.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const SOURCES = [...readdirSync(join(ROOT, 'apps')).map((d) => `apps/${d}/src`), 'packages']
  .filter((d) => { try { return readdirSync(join(ROOT, d)).length > 0 } catch { return false } })
const TABLES = [join(ROOT, 'packages/errors/l10n/errors-fr.json'), ...readdirSync(join(ROOT, 'apps')).map((d) => join(ROOT, 'apps', d, 'l10n/errors-fr.json'))]
  .filter((f) => { try { readFileSync(f); return true } catch { return false } })

describe('the French of error messages', () => {
  const catalogue = loadMessageCatalogue(TABLES)

  it('has a translation for every message our code gives people', () => {
    const untranslated = extractErrorMessages(ROOT, SOURCES)
      // A sample message as the code would build it: each placeholder filled with a value.
      .filter((m) => catalogue.french(m.template.replace(/\{\d+\}/g, 'x1')) === undefined)
      .map((m) => `${m.at}: ${m.template}`)
    expect(untranslated, 'add these to the errors-fr.json next to their code').toEqual([])
  })

  it('keeps every placeholder of the English in the French', () => {
    const broken: string[] = []
    for (const file of TABLES) {
      for (const [en, fr] of Object.entries(JSON.parse(readFileSync(file, 'utf8')) as MessageTable)) {
        const of = (s: string) => (s.match(/\{\d+(?::t)?\}/g) ?? []).map((p) => p.replace(':t', '')).sort().join()
        if (of(en) !== of(fr) || fr.includes("'")) broken.push(`${file.slice(ROOT.length)}: ${en} → ${fr}`)
      }
    }
    expect(broken).toEqual([])
  })
})
