import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { extractMessages, type Msg } from './extract.ts'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const load = (path: string): Record<string, string | string[]> => JSON.parse(readFileSync(root + path, 'utf8')).translations

const shellCatalogue = load('packages/ui-shell/l10n/fr.json')
const workspaceCatalogue = { ...shellCatalogue, ...load('apps/workspace/l10n/fr.json') }

function missing(messages: Msg[], catalogue: Record<string, unknown>): string[] {
  return [...new Set(messages.filter((m) => !(m.key in catalogue)).map((m) => `${m.key}  (${m.file.replace(root, '')})`))]
}

const placeholders = (text: string): string[] => [...text.matchAll(/{(\w+)}|%n/g)].map((m) => m[0]).sort()

describe('French catalogues', () => {
  const shellMessages = extractMessages([`${root}packages/ui-shell/src`])
  const workspaceMessages = extractMessages([`${root}apps/workspace/src/ui`, `${root}apps/workspace/src/pages`])

  it('finds the strings it checks (the scanner itself works)', () => {
    expect(shellMessages.length).toBeGreaterThan(5)
    expect(workspaceMessages.map((m) => m.key)).toContain('New folder')
    expect(workspaceMessages.some((m) => m.plural)).toBe(true)
  })

  it('reports a string that has no French entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'maison-l10n-'))
    try {
      writeFileSync(join(dir, 'X.vue'), "<template>{{ t('maison', 'Save') }} {{ t('maison', 'Not translated \\'yet\\'') }}</template>")
      expect(missing(extractMessages([dir]), workspaceCatalogue).map((m) => m.split('  (')[0])).toEqual(["Not translated 'yet'"])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('translates every string of the shell package', () => {
    expect(missing(shellMessages, shellCatalogue)).toEqual([])
  })

  it('translates every string of the workspace UI and its server pages', () => {
    expect(missing(workspaceMessages, workspaceCatalogue)).toEqual([])
  })

  it('keeps the placeholders of every msgid in its translation', () => {
    const broken = Object.entries(workspaceCatalogue).flatMap(([id, fr]) => {
      const forms = Array.isArray(fr) ? fr : [fr]
      const expected = placeholders(id.replace(/^_(.*)_::_.*_$/, '$1'))
      return forms.filter((f) => placeholders(f).join() !== expected.join()).map((f) => `${id} → ${f}`)
    })
    expect(broken).toEqual([])
  })

  it('gives two forms to every plural entry', () => {
    const plurals = Object.entries(workspaceCatalogue).filter(([id]) => id.includes('_::_'))
    expect(plurals.length).toBeGreaterThan(0)
    for (const [id, forms] of plurals) expect(Array.isArray(forms) && forms.length === 2, id).toBe(true)
  })
})
