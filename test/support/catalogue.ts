/** Checks an app's French catalogue against the msgids its UI uses (`t('app', '…')`, `n('app', '…', '…', …)`). */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const STRING = String.raw`'((?:[^'\\]|\\.)*)'`
const unescape = (s: string) => s.replace(/\\(.)/g, '$1')
const placeholders = (text: string) => [...text.matchAll(/{(\w+)}|%n/g)].map((m) => m[0]).sort().join()

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : /\.(vue|ts)$/.test(name) ? [join(dir, name)] : []))
}

export interface CatalogueReport {
  /** How many msgids the UI uses. */
  used: number
  /** Msgids without a translation. */
  missing: string[]
  /** Translations whose placeholders differ from their msgid's. */
  broken: string[]
  /** Plural entries without exactly two forms. */
  badPlurals: string[]
}

/** Compares `{appDir}/l10n/fr.json` with the strings of `{appDir}/src/ui`. */
export function checkCatalogue(appDir: string, appId: string): CatalogueReport {
  const catalogue = JSON.parse(readFileSync(join(appDir, 'l10n/fr.json'), 'utf8')).translations as Record<string, string | string[]>
  const singular = new RegExp(String.raw`\bt\(\s*'${appId}',\s*${STRING}`, 'g')
  const plural = new RegExp(String.raw`\bn\(\s*'${appId}',\s*${STRING},\s*${STRING}`, 'g')
  const found = new Set<string>()
  for (const file of files(join(appDir, 'src/ui'))) {
    const src = readFileSync(file, 'utf8')
    for (const m of src.matchAll(singular)) found.add(unescape(m[1]!))
    for (const m of src.matchAll(plural)) found.add(`_${unescape(m[1]!)}_::_${unescape(m[2]!)}_`)
  }
  return {
    used: found.size,
    missing: [...found].filter((k) => !(k in catalogue)),
    broken: Object.entries(catalogue).flatMap(([id, fr]) =>
      (Array.isArray(fr) ? fr : [fr]).filter((f) => placeholders(f) !== placeholders(id.replace(/^_(.*)_::_.*_$/, '$1'))).map((f) => `${id} → ${f}`)),
    badPlurals: Object.entries(catalogue).filter(([id, forms]) => id.includes('_::_') && !(Array.isArray(forms) && forms.length === 2)).map(([id]) => id),
  }
}
