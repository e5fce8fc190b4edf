import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { MessageTable } from '@maison/errors'
import { extractErrorMessages } from './support/error-messages.ts'
import { errorMessageFiles } from '../apps/workspace/src/apps/catalog.ts'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const SOURCES = [...readdirSync(join(ROOT, 'apps')).map((d) => `apps/${d}/src`).filter((d) => existsSync(join(ROOT, d))), 'packages']
// The very files the server loads.
const TABLES = errorMessageFiles(ROOT).filter((f) => existsSync(f))

describe('the French of error messages', () => {
  // Each text as the code writes it, not merely one a broader entry would catch ("The {0} is not valid."
  // would otherwise hide a missing "The brand kit is not valid.").
  const english = new Set(TABLES.flatMap((f) => Object.keys(JSON.parse(readFileSync(f, 'utf8')) as MessageTable)))

  it('has a translation for every message our code gives people', () => {
    const untranslated = extractErrorMessages(ROOT, SOURCES)
      .filter((m) => !english.has(m.template))
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
