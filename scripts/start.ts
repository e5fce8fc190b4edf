/**
 * `npm start`: the whole platform in one process on the embedded default (SQLite files under
 * DATA_DIR, one redis-server), with a demo space. Ctrl-C stops everything it started.
 */
import cluster from 'node:cluster'
import crypto from 'node:crypto'
import path from 'node:path'
import { loadConfig, ConfigError } from '@maison/config'
import { startServer } from '@maison/workspace'
import { createProvisionerModule, ensureStaffAdmin } from '@maison/provisioner'
import { ensureRedis } from './lib/redis.ts'

const DEMO = 'demo'

async function main(): Promise<void> {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(2)
    }
    throw err
  }
  if (cluster.isWorker) {
    // A web worker forked by the host (WEB_CONCURRENCY > 1): HTTP only; the primary owns Redis, the demo and the console output.
    await startServer(config, { platform: createProvisionerModule })
    return
  }
  const log = { info: (m: string) => console.log(m), warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) }
  const redis = config.REDIS_URL
    ? null
    : await ensureRedis({ dataDir: config.DATA_DIR, port: config.REDIS_PORT, confPath: path.resolve('infra/redis.conf'), log })

  const server = await startServer(config, { platform: createProvisionerModule })
  const staffPassword = await ensureStaffAdmin(server.parts.platformDb, config.STAFF_PASSWORD)
  // Production hosts get their spaces from the provisioner, not a demo.
  const wantsDemo = config.ROLE === 'all' && config.NODE_ENV !== 'production'
  const firstTime = wantsDemo && !server.parts.registry.get(DEMO)
  const password = config.DEMO_PASSWORD ?? crypto.randomBytes(9).toString('base64url')
  if (firstTime) {
    await server.createSpace({ slug: DEMO, name: 'Demo association', admin: { username: 'admin', password, email: 'admin@demo.invalid' } })
  }

  const demoLines = [
    `  demo space:     ${server.url}/s/${DEMO}/`,
    `  WebDAV (files): ${server.url}/s/${DEMO}/remote.php/dav/files/admin/`,
    firstTime
      ? `  log in as admin with password: ${password}${config.DEMO_PASSWORD ? ' (DEMO_PASSWORD)' : '  (shown once; set DEMO_PASSWORD to choose it)'}`
      : `  log in as admin with the password shown at the first start${config.DEMO_PASSWORD ? ' (DEMO_PASSWORD)' : ''}`,
  ]
  const lines = [
    '',
    `Maison is running on ${server.url}`,
    ...(wantsDemo ? demoLines : []),
    `  staff console:  ${server.url}/admin/  (user staff${staffPassword ? `, password ${staffPassword} — shown once; set STAFF_PASSWORD to choose it` : config.STAFF_PASSWORD ? ', STAFF_PASSWORD' : ', password shown at the first start'})`,
    `  apply:          ${server.url}/apply`,
    `  data:           ${config.DATA_DIR}`,
    ...(config.ROLE === 'all' && config.WEB_CONCURRENCY > 1 ? [`  web processes:  ${config.WEB_CONCURRENCY} (WEB_CONCURRENCY), jobs in this one (pid ${process.pid})`] : []),
    `  mail:           ${config.SMTP_URL ? 'sent through SMTP_URL' : 'kept in the outbox (see the log) — set SMTP_URL to send it'}`,
    'Press Ctrl-C to stop.',
    '',
  ]
  console.log(lines.join('\n'))

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    console.log('Stopping…')
    await server.close()
    await redis?.stop()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
