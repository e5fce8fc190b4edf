import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const UI = fileURLToPath(new URL('../../apps/visuals/src/ui/', import.meta.url))
const catalogue = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../apps/visuals/l10n/fr.json', import.meta.url)), 'utf8')).translations as Record<string, string>

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : /\.(vue|ts)$/.test(e.name) ? [path.join(dir, e.name)] : []))
}

/** Every msgid of `t('visuals', '…')` in the visuals UI. */
function msgids(): string[] {
  const found = new Set<string>()
  for (const file of sources(UI)) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*'visuals',\s*'((?:[^'\\]|\\.)*)'/g)) found.add(m[1]!.replace(/\\(.)/g, '$1'))
  }
  return [...found]
}

const placeholders = (s: string) => [...s.matchAll(/{(\w+)}/g)].map((m) => m[1]).sort().join()

describe('visuals French catalogue', () => {
  it('finds the strings of the UI', () => {
    expect(msgids()).toContain('Save to Files')
  })

  it('translates every string of the UI, keeping its placeholders', () => {
    const ids = msgids()
    expect(ids.filter((id) => !(id in catalogue))).toEqual([])
    expect(ids.filter((id) => id in catalogue && placeholders(id) !== placeholders(catalogue[id]!))).toEqual([])
  })
})
