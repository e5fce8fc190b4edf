/**
 * Members benchmark: a space with 10,000 members on the real host (in process, its own redis-server and
 * SMTP listener): CSV import against a bare INSERT loop of the same rows, list and search p50, and a
 * reminder run for every member handed to the SMTP listener against a BullMQ no-op job loop of the same size.
 *   npx tsx bench/members/bench.ts [--quick] [--count N]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '@maison/config'
import { QueueRegistry } from '@maison/queue'
import { startServer } from '@maison/workspace'
import { startRedis } from '../../test/support/redis.ts'
import { startSmtp } from '../../test/support/smtp.ts'
import { bareInsert, csv, rows } from './data.ts'
import { noopJobLoop } from './anchor.ts'
import { seedSubscriptions } from './seed.ts'
import { REMINDERS_QUEUE } from '../../apps/members/src/index.ts'

const WORK = fileURLToPath(new URL('../.work/members/', import.meta.url))
const { values: args } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, count: { type: 'string' }, 'no-ours': { type: 'boolean', default: false } },
})
const COUNT = Number(args.count ?? (args.quick ? 1000 : 10_000))
const SAMPLES = 200

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!
const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(1)} ms`)

fs.rmSync(WORK, { recursive: true, force: true })
fs.mkdirSync(WORK, { recursive: true })
const redis = await startRedis({ appendonly: false })
const smtp = await startSmtp()
let now = new Date('2026-01-10T09:00:00Z')
const config = loadConfig({
  NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', DATA_DIR: path.join(WORK, 'data'), REDIS_URL: redis.url, QUEUE_PREFIX: 'bench',
  LOG_LEVEL: process.env.BENCH_LOG ?? 'warn', SMTP_URL: smtp.url, SMTP_FROM: 'Maison <noreply@example.org>',
})
const server = await startServer(config, { clock: () => now })
const results: Record<string, unknown> = { count: COUNT }
try {
  await server.createSpace({ slug: 'bench', name: 'Bench', admin: { username: 'admin', password: 'bench-password-1', email: 'admin@example.org' } })
  const api = `${server.url}/s/bench/apps/members/api`
  const headers = { authorization: 'Basic ' + Buffer.from('admin:bench-password-1').toString('base64'), 'content-type': 'application/json' }
  const get = async (p: string) => {
    const started = performance.now()
    const res = await fetch(`${api}${p}`, { headers })
    if (res.status !== 200) throw new Error(`GET ${p} → ${res.status}`)
    await res.arrayBuffer()
    return performance.now() - started
  }
  // 1. CSV import through the API against a bare INSERT loop. The body is built first: a keep-alive
  // socket left idle while it is built may be closed by the server just as the POST goes out.
  const list = rows(COUNT)
  const body = JSON.stringify({ content: csv(list).toString('base64'), mode: 'create' })
  await get('/members')
  /** A POST, tried again once when the server had just closed the idle keep-alive socket it went out on. */
  const post = async (p: string, body?: string): Promise<Response> => {
    try {
      return await fetch(`${api}${p}`, { method: 'POST', headers, body })
    } catch (err) {
      if ((err as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw err
      return fetch(`${api}${p}`, { method: 'POST', headers, body })
    }
  }
  let started = performance.now()
  const res = await post('/import', body)
  const report = (await res.json()) as { created: number; errors: unknown[]; written: boolean }
  const importMs = performance.now() - started
  if (!report.written || report.created !== COUNT) throw new Error(`import: ${res.status} ${JSON.stringify(report).slice(0, 300)}`)
  const anchorInsertMs = bareInsert(path.join(WORK, 'anchor.sqlite'), list)
  results.import = { ms: importMs, anchorMs: anchorInsertMs, ratio: importMs / anchorInsertMs }

  // 2. List pages and searches (after a warm-up of each shape).
  const pages = Math.ceil(COUNT / 50)
  const listUrls = Array.from({ length: SAMPLES }, (_, i) => `/members?page=${1 + ((i * 37) % pages)}&perPage=50&sort=${['name', 'number', 'joinedOn'][i % 3]}`)
  const terms = ['Durand12', 'm345@example.org', 'Lyon', '4242', 'Zoé', 'durand9999', 'Besan', 'nobody-at-all']
  const searchUrls = Array.from({ length: SAMPLES }, (_, i) => `/members?q=${encodeURIComponent(terms[i % terms.length]!)}&perPage=50`)
  for (const u of [...listUrls.slice(0, 10), ...searchUrls.slice(0, 10)]) await get(u)
  const listMs: number[] = []
  for (const u of listUrls) listMs.push(await get(u))
  const searchMs: number[] = []
  for (const u of searchUrls) searchMs.push(await get(u))
  results.list = { p50: p50(listMs), p95: p95(listMs) }
  results.search = { p50: p50(searchMs), p95: p95(searchMs) }

  // 3. A reminder run for every member, handed to the SMTP listener, against a BullMQ no-op loop.
  await seedSubscriptions(server.services, 'bench', now)
  now = new Date('2026-02-08T09:00:00Z')
  started = performance.now()
  const run = await post('/reminders/run')
  if (run.status !== 202) throw new Error(`reminders/run → ${run.status}`)
  const { jobId } = (await run.json()) as { jobId: string }
  // The members side ends when its job has handed every reminder to the mail queue; the rest is the mail worker.
  const reminderJob = async () => server.services.queues.queue(REMINDERS_QUEUE).getJob(jobId)
  let handOffMs: number | null = null
  const deadline = Date.now() + 10 * 60_000
  while (smtp.messages.length < COUNT && Date.now() < deadline) {
    if (handOffMs === null && (await (await reminderJob())?.isCompleted())) handOffMs = performance.now() - started
    await new Promise((r) => setTimeout(r, 100))
  }
  const reminderMs = performance.now() - started
  handOffMs ??= reminderMs
  // Anything sent twice would arrive right after the last one.
  await new Promise((r) => setTimeout(r, 3000))
  const recipients = smtp.messages.map((m) => [m.to].flat().map((a) => (a as { text: string }).text).join())
  const unique = new Set(recipients).size
  const anchorQueues = new QueueRegistry(redis.url, 'bench-anchor')
  const anchorJobsMs = await noopJobLoop(anchorQueues, COUNT, config.MAIL_CONCURRENCY)
  await anchorQueues.close()
  results.reminders = { ms: reminderMs, handOffMs, mailConcurrency: config.MAIL_CONCURRENCY, load: os.loadavg(), received: recipients.length, unique, anchorMs: anchorJobsMs, ratio: reminderMs / anchorJobsMs }

  const r = results as any
  const ok = (b: boolean) => (b ? 'ok' : 'FAIL')
  console.log(`\nMembers benchmark — ${COUNT.toLocaleString('en')} members, one space, in process (NODE_ENV=production)`)
  console.log(`  CSV import of ${COUNT} lines via the API   ${fmt(r.import.ms).padStart(10)}   bare INSERT loop ${fmt(r.import.anchorMs).padStart(9)}   ratio ${r.import.ratio.toFixed(1)}   ${ok(r.import.ms <= 10_000)} (≤ 10 s)`)
  console.log(`  list, page of 50 (p50 / p95)            ${fmt(r.list.p50).padStart(10)} / ${fmt(r.list.p95)}   ${ok(r.list.p50 <= 50)} (p50 ≤ 50 ms)`)
  console.log(`  search (p50 / p95)                      ${fmt(r.search.p50).padStart(10)} / ${fmt(r.search.p95)}   ${ok(r.search.p50 <= 50)} (p50 ≤ 50 ms)`)
  console.log(`  reminder run → SMTP, ${COUNT} mails        ${fmt(r.reminders.ms).padStart(10)}   BullMQ no-op loop ${fmt(r.reminders.anchorMs).padStart(8)}   ratio ${r.reminders.ratio.toFixed(1)}   ${ok(r.reminders.ms <= 300_000)} (≤ 5 min)`)
  console.log(`    of which deciding + handing to the mail queue ${fmt(r.reminders.handOffMs)} (${((100 * r.reminders.handOffMs) / r.reminders.ms).toFixed(0)} %), mail worker concurrency ${r.reminders.mailConcurrency}, load average ${r.reminders.load.map((l: number) => l.toFixed(1)).join(' ')}`)
  console.log(`  mails received ${r.reminders.received}, distinct recipients ${r.reminders.unique}   ${ok(r.reminders.received === COUNT && r.reminders.unique === COUNT)} (each once)`)
  fs.writeFileSync(path.join(WORK, `results-${Date.now()}.json`), JSON.stringify(results, null, 2))
  if (!(r.reminders.received === COUNT && r.reminders.unique === COUNT)) process.exitCode = 1
} catch (err) {
  console.error(err)
  process.exitCode = 1
} finally {
  await server.close()
  await smtp.stop()
  await redis.stop()
  // Reconnecting clients of the stopped Redis would keep the process alive.
  process.exit()
}
