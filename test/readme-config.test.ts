import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '@maison/config'

const read = (rel: string): string => fs.readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8')

/** Variable names declared in the zod schema of packages/config (the `z.object({...})` keys). */
function schemaVariables(source: string): string[] {
  const start = source.indexOf('z.object({')
  if (start < 0) throw new Error('packages/config/src/index.ts has no z.object({ schema any more: update this test')
  const names: string[] = []
  let depth = 0
  for (const line of source.slice(start).split('\n')) {
    // Keys sit right inside `z.object({`, two brackets deep.
    if (depth === 2) {
      const m = /^\s*([A-Z][A-Z0-9_]*)\s*:/.exec(line)
      if (m) names.push(m[1]!)
    }
    for (const ch of line) {
      if (ch === '(' || ch === '{' || ch === '[') depth++
      else if (ch === ')' || ch === '}' || ch === ']') depth--
    }
    if (depth <= 0 && names.length) break
  }
  return names
}

/** First-column variable names of the README's configuration table. */
function readmeVariables(readme: string): string[] {
  const section = readme.split(/^## Configuration\s*$/m)[1]?.split(/^## /m)[0] ?? ''
  return [...section.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/gm)].map((m) => m[1]!)
}

describe('README configuration table', () => {
  const schema = schemaVariables(read('../packages/config/src/index.ts'))
  const table = readmeVariables(read('../README.md'))

  it('finds every variable the config actually returns (guards the source parser)', () => {
    for (const key of Object.keys(loadConfig({}))) expect(schema).toContain(key)
    expect(schema.length).toBeGreaterThanOrEqual(Object.keys(loadConfig({})).length)
  })

  it('lists every variable of the schema, and none that no longer exists', () => {
    const missing = schema.filter((v) => !table.includes(v))
    const stale = table.filter((v) => !schema.includes(v))
    expect({ missing, stale }).toEqual({ missing: [], stale: [] })
  })

  it('shows the default of each variable that has a simple one', () => {
    const defaults = loadConfig({}) as unknown as Record<string, unknown>
    const section = read('../README.md').split(/^## Configuration\s*$/m)[1]!
    for (const name of ['HOST', 'PORT', 'REDIS_PORT', 'QUEUE_PREFIX', 'ROLE', 'LOG_LEVEL', 'NODE_ENV', 'SPACE_MAX_ACCOUNTS', 'SPACE_DB_MAX_OPEN', 'SPACE_DB_IDLE_SECONDS', 'TRASH_RETENTION_DAYS', 'DEFAULT_TIMEZONE', 'MAIL_FROM']) {
      const row = new RegExp(`^\\|\\s*\`${name}\`\\s*\\|([^|]*)\\|`, 'm').exec(section)
      expect(row?.[1], name).toContain(`\`${String(defaults[name])}\``)
    }
  })
})
