// Child process of the bench: runs Maison's workspace host alone, so that its RSS is measured
// without the bench client in it. Prints one line `READY {json}` once the bench space exists.
import cluster from 'node:cluster'
import { loadConfig } from '@maison/config'
import { startServer } from '@maison/workspace'

const [dataDir, redisUrl, password] = process.argv.slice(2)
const config = loadConfig({
  NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, REDIS_URL: redisUrl,
  QUEUE_PREFIX: 'bench', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', SPACE_QUOTA: '1TB',
  // The shipped default (one process serving and running jobs) unless BENCH_WEB_CONCURRENCY says otherwise: on the
  // 2-core VM, two web processes cost a quarter to a third more CPU per request and measured worse (bench/README).
  WEB_CONCURRENCY: process.env.BENCH_WEB_CONCURRENCY,
  // The events bench signs up many people, told apart by X-Forwarded-For as behind a proxy.
  TRUST_PROXY: process.env.BENCH_TRUST_PROXY,
  // The default (false, as Apache's mod_dav_fs); the bench also runs the PUTs once with `true`.
  FILES_FSYNC: process.env.BENCH_FILES_FSYNC,
})
const server = await startServer(config)
// A forked web worker (WEB_CONCURRENCY > 1) only serves; the primary creates the space and reports.
if (cluster.isPrimary) {
  await server.createSpace({ slug: 'bench', name: 'Bench', admin: { username: 'bench', password: password! } })
  const login = await appPassword(server.url, password!)
  process.stdout.write(`READY ${JSON.stringify({ url: server.url, pid: process.pid, webConcurrency: config.WEB_CONCURRENCY, filesFsync: config.FILES_FSYNC, ...login })}\n`)
  const stop = async (): Promise<void> => {
    await server.close()
    process.exit(0)
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

/** DAV clients sign in with an app password, so the bench does too (falls back to the account password). */
async function appPassword(url: string, accountPassword: string): Promise<{ user: string; password: string }> {
  const res = await fetch(`${url}/s/bench/api/v1/me/app-passwords`, {
    method: 'POST',
    headers: { Authorization: 'Basic ' + Buffer.from(`bench:${accountPassword}`).toString('base64'), 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'bench' }),
  })
  if (res.status !== 201) {
    process.stderr.write(`bench: no app password (${res.status} ${await res.text()}); using the account password\n`)
    return { user: 'bench', password: accountPassword }
  }
  const body = (await res.json()) as { loginName: string; password: string }
  return { user: body.loginName, password: body.password }
}
