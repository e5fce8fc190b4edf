/**
 * `SpaceHost.create` alone, without the queue: the same spaces created by migrating each new database
 * step by step and by copying the pre-migrated template, alternating in rounds so that both meet the
 * same machine load. CPU (user + system of this process) and wall time per space; the pool keeps as
 * few handles open as the host's default, so closing (checkpointing) older spaces is counted too.
 *   npx tsx bench/provisioner/create.ts [--count N] [--rounds R] [--only migrate|template]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig } from '@maison/config'
import { loadApps } from '../../apps/workspace/src/apps/catalog.ts'
import { spaceInitializers, spaceMigrationSets } from '../../apps/workspace/src/modules.ts'
import { openSpaceHost } from '../../apps/workspace/src/spaces/boot.ts'
import { SpaceHost } from '../../apps/workspace/src/spaces/host.ts'
import { percentile } from '../dav/stats.ts'

const { values: args } = parseArgs({
  options: { count: { type: 'string', default: '300' }, rounds: { type: 'string', default: '3' }, only: { type: 'string' } },
})
const count = Number(args.count)
const rounds = Number(args.rounds)
const kinds = (['migrate', 'template'] as const).filter((k) => !args.only || k === args.only)

interface Figures { cpuMs: number; wallMs: number; p50: number; p95: number }

async function run(kind: 'migrate' | 'template', round: number): Promise<Figures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `maison-bench-create-${kind}-`))
  const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, LOG_LEVEL: 'warn' })
  const apps = await loadApps(path.resolve(import.meta.dirname, '../../apps'))
  const clock = () => new Date()
  const parts = openSpaceHost(config, { workspace: spaceMigrationSets(), apps }, spaceInitializers(clock), clock)
  // The boot wiring always uses the template; the step-by-step host is the same one without it.
  const sets = [...spaceMigrationSets(), ...apps.filter((a) => a.migrations.length).map((a) => ({ scope: a.id, migrations: a.migrations }))]
  const host = kind === 'template' ? parts.host : new SpaceHost(parts.registry, parts.pool, sets, spaceInitializers(clock), clock)
  try {
    // The template is built by the first creation of a version: once per DATA_DIR, not timed.
    await host.create({ slug: `warm-${round}`, name: 'Warm', quotaBytes: 1e9, maxAccounts: 50 })
    const lat: number[] = []
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    for (let i = 0; i < count; i++) {
      const t = performance.now()
      await host.create({ slug: `space-${i}-b`, name: `Association ${i}`, quotaBytes: 1e9, maxAccounts: 50 })
      lat.push(performance.now() - t)
    }
    const wallMs = performance.now() - t0
    const c = process.cpuUsage(c0)
    return { cpuMs: (c.user + c.system) / 1000 / count, wallMs: wallMs / count, p50: percentile(lat, 50), p95: percentile(lat, 95) }
  } finally {
    parts.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

const results: Record<string, Figures[]> = { migrate: [], template: [] }
console.error(`load average before: ${os.loadavg()[0]!.toFixed(1)}`)
for (let r = 0; r < rounds; r++) {
  for (const kind of kinds) results[kind]!.push(await run(kind, r))
}
const med = (xs: number[]) => percentile(xs, 50)
console.log(`SpaceHost.create, ${count} spaces × ${rounds} rounds each way, load average after ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores (medians of the rounds)`)
for (const [kind, rs] of Object.entries(results).filter(([, rs]) => rs.length)) {
  console.log(`${kind.padEnd(9)} cpu ${med(rs.map((x) => x.cpuMs)).toFixed(2)} ms/space, wall ${med(rs.map((x) => x.wallMs)).toFixed(2)} ms/space, p50 ${med(rs.map((x) => x.p50)).toFixed(2)} ms, p95 ${med(rs.map((x) => x.p95)).toFixed(2)} ms`)
}
process.exit(0)
