import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** One translatable string found in a source file: a msgid, or a plural key as @nextcloud/l10n stores it. */
export interface Msg {
  key: string
  file: string
  plural: boolean
}

const STRING = String.raw`'((?:[^'\\]|\\.)*)'`
const SINGULAR = new RegExp(String.raw`\bt\(\s*'maison',\s*${STRING}`, 'g')
const PLURAL = new RegExp(String.raw`\bn\(\s*'maison',\s*${STRING},\s*${STRING}`, 'g')
// Server-rendered pages translate with translate(language, '…') and keep their titles in a TITLES table.
const SERVER = new RegExp(String.raw`\btranslate\(\s*\w+,\s*${STRING}`, 'g')
const TITLE = new RegExp(String.raw`^\s+\w+: ${STRING},$`, 'gm')

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1')
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return files(path)
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [path] : []
  })
}

/** Every `t('maison', …)` / `n('maison', …)` string of the .vue and .ts files under `dirs`. */
export function extractMessages(dirs: string[]): Msg[] {
  const found: Msg[] = []
  for (const file of dirs.flatMap(files)) {
    const source = readFileSync(file, 'utf8')
    for (const m of source.matchAll(SINGULAR)) found.push({ key: unescape(m[1]!), file, plural: false })
    for (const m of source.matchAll(PLURAL)) found.push({ key: `_${unescape(m[1]!)}_::_${unescape(m[2]!)}_`, file, plural: true })
    for (const m of source.matchAll(SERVER)) found.push({ key: unescape(m[1]!), file, plural: false })
    if (source.includes('const TITLES')) {
      for (const m of source.matchAll(TITLE)) if (m[1]) found.push({ key: unescape(m[1]), file, plural: false })
    }
  }
  return found
}

if (process.argv[1]?.endsWith('extract.ts')) {
  const keys = [...new Set(extractMessages(process.argv.slice(2)).map((m) => m.key))]
  process.stdout.write(`${JSON.stringify(keys, null, 2)}\n`)
}
