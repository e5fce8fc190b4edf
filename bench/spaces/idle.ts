/**
 * Memory of a host with many registered spaces: 10,000 spaces are registered (one real space's
 * database copied, the registry filled in one transaction), then the real host is started in a
 * child process (with the shipped Node options) and its RSS read at boot, after 1,000 different spaces answered a request, and
 * after the idle handles closed. The peer is a bare Node process holding the same modules, so the
 * ratio shows what the spaces cost on top of the code. Target: ≤ 300 MB RSS.
 *   npx tsx bench/spaces/idle.ts [--spaces 10000] [--touch 1000]
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig } from '@maison/config'
import { loadApps } from '../../apps/workspace/src/apps/catalog.ts'
import { openSpaceHost } from '../../apps/workspace/src/spaces/boot.ts'
import { createSpaceWithAdmin, spaceInitializers, spaceMigrationSets } from '../../apps/workspace/src/modules.ts'
import { startRedis } from '../../test/support/redis.ts'
import { listeningPort } from '../../test/support/child.ts'
import { SERVER_NODE_FLAGS } from '../../scripts/lib/server-node-flags.ts'

const { values } = parseArgs({ options: { spaces: { type: 'string', default: '10000' }, touch: { type: 'string', default: '1000' } } })
const SPACES = Number(values.spaces)
const TOUCH = Math.min(Number(values.touch), SPACES)
const work = path.resolve('bench/.work/spaces')
fs.rmSync(work, { recursive: true, force: true })
fs.mkdirSync(work, { recursive: true })

const rssMb = (pid: number): number => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024
}

async function prepare(): Promise<void> {
  const t0 = performance.now()
  const config = loadConfig({ DATA_DIR: work })
  const parts = openSpaceHost(config, { workspace: spaceMigrationSets(), apps: await loadApps(path.resolve('apps')) }, spaceInitializers(), () => new Date())
  await createSpaceWithAdmin(parts, config, { slug: 'template', name: 'Template', admin: { username: 'admin', password: 'bench-password-1' } }, () => new Date())
  parts.pool.closeAll()
  const template = fs.readFileSync(path.join(work, 'spaces', 'template', 'space.sqlite'))
  const record = parts.registry.get('template')!
  const insert = parts.platformDb.prepare(
    `INSERT INTO spaces (slug, name, status, quota_bytes, max_accounts, schema_version, created_at, updated_at) VALUES (?, ?, 'active', ?, ?, ?, ?, ?)`,
  )
  parts.platformDb.transaction(() => {
    for (let i = 0; i < SPACES; i++) {
      const slug = `space-${String(i).padStart(5, '0')}`
      fs.mkdirSync(path.join(work, 'spaces', slug), { recursive: true })
      fs.writeFileSync(path.join(work, 'spaces', slug, 'space.sqlite'), template)
      insert.run(slug, `Association ${i}`, record.quotaBytes, record.maxAccounts, record.schemaVersion, record.createdAt, record.createdAt)
    }
  })()
  parts.close()
  console.log(`registered ${SPACES} spaces in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
}

async function startChild(args: string[]): Promise<{ pid: number; port: number; kill(): void }> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await listeningPort(child)
  return { pid: child.pid!, port, kill: () => child.kill('SIGKILL') }
}

await prepare()
const redis = await startRedis({ appendonly: false })
const peer = await startChild(['bench/spaces/peer.ts'])
const host = await startChild(['test/support/serve-host.ts', work, redis.url])
await new Promise((r) => setTimeout(r, 1000))
const auth = 'Basic ' + Buffer.from('admin:bench-password-1').toString('base64')
const boot = rssMb(host.pid)
const t0 = performance.now()
for (let i = 0; i < TOUCH; i++) {
  const slug = `space-${String(Math.floor((i * SPACES) / TOUCH)).padStart(5, '0')}`
  const res = await fetch(`http://127.0.0.1:${host.port}/s/${slug}/remote.php/dav/files/admin/`, { method: 'PROPFIND', headers: { authorization: auth, depth: '0' } })
  if (res.status !== 207) throw new Error(`${slug}: ${res.status}`)
  await res.arrayBuffer()
}
const touchMs = performance.now() - t0
const touched = rssMb(host.pid)
const peerRss = rssMb(peer.pid)
console.log(`
spaces registered            ${SPACES}
spaces touched               ${TOUCH} (${(touchMs / TOUCH).toFixed(1)} ms each, first request opens the database)
host RSS at boot             ${boot.toFixed(0)} MB
host RSS after touching      ${touched.toFixed(0)} MB   (target ≤ 300 MB)
peer RSS (same modules, no spaces) ${peerRss.toFixed(0)} MB
ratio host/peer              ${(touched / peerRss).toFixed(2)}
`)
host.kill()
peer.kill()
await redis.stop()
