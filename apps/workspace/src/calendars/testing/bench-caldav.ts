// One-month calendar-query over N events (10% recurring) and sync-collection after 10 changes:
//   npx tsx apps/workspace/src/calendars/testing/bench-caldav.ts [N] [runs]
import fs from 'node:fs'
import http from 'node:http'
import { createCalendarFixture, listen } from './fixture.ts'
import { benchEvents } from './generate.ts'
import { calendarDepsFor } from '../deps.ts'
import { createCalendar } from '../calendars.ts'
import { putObject } from '../objects.ts'

const n = Number(process.argv[2] ?? 10_000)
const runs = Number(process.argv[3] ?? 30)
const fx = createCalendarFixture()
const deps = calendarDepsFor(fx.space, () => new Date())
const actor = { username: 'alice', role: 'admin' as const, groups: [] }
const cal = createCalendar(deps, actor, 'bench', { displayName: 'Bench' })
const view = { calendar: cal, segment: 'bench', access: 'read-write' as const, manage: true }
let t0 = performance.now()
for (const [uri, text] of benchEvents(n)) putObject(deps, view, uri, text)
console.log(`loaded ${n} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

const agent = new http.Agent({ keepAlive: true })
const srv = await listen(fx.app)
function request(method: string, path: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: srv.port, method, path: `/s/demo/remote.php/dav/calendars/alice/bench/${path}`, agent, headers: { Authorization: 'Basic ' + Buffer.from('alice:secret').toString('base64'), 'Content-Type': 'application/xml', ...headers } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString('utf8') }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

const month = (i: number) => {
  const d = new Date(Date.UTC(2025, 2 + (i % 18), 1))
  const e = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))
  const f = (x: Date) => x.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
  return [f(d), f(e)]
}
const query = (s: string, e: string) =>
  `<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"><c:time-range start="${s}" end="${e}"/></c:comp-filter></c:comp-filter></c:filter></c:calendar-query>`

function stats(label: string, times: number[]): void {
  times.sort((a, b) => a - b)
  const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!.toFixed(1)
  console.log(`${label}: p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${pct(100)} ms (${times.length} runs)`)
}

const qTimes: number[] = []
let matches = 0
for (let i = 0; i < runs + 3; i++) {
  const [s, e] = month(i)
  t0 = performance.now()
  const r = await request('REPORT', '', query(s!, e!), { Depth: '1' })
  if (r.status !== 207) throw new Error(`calendar-query: ${r.status} ${r.text.slice(0, 300)}`)
  if (i >= 3) qTimes.push(performance.now() - t0)
  matches += r.text.split('<d:response>').length - 1
}
stats(`one-month calendar-query over ${n} events (avg ${(matches / (runs + 3)).toFixed(0)} matches)`, qTimes)

const syncBody = (token: string) => `<d:sync-collection xmlns:d="DAV:"><d:sync-token>${token}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`
let token = /<d:sync-token>([^<]+)<\/d:sync-token>/.exec((await request('REPORT', '', syncBody(''))).text)![1]!
const sTimes: number[] = []
const events = benchEvents(10, 0.1, 99)
for (let i = 0; i < runs; i++) {
  for (const [uri, text] of events) {
    const r = await request('PUT', `change-${uri}`, text.replace(/UID:bench-(\d+)/g, `UID:change-$1`).replace('SUMMARY:', `SUMMARY:${i} `), { 'Content-Type': 'text/calendar' })
    if (r.status !== 201 && r.status !== 204) throw new Error(`PUT: ${r.status} ${r.text}`)
  }
  t0 = performance.now()
  const r = await request('REPORT', '', syncBody(token))
  sTimes.push(performance.now() - t0)
  if ((r.text.split('<d:response>').length - 1) !== 10) throw new Error(`sync-collection returned ${r.text.slice(0, 500)}`)
  token = /<d:sync-token>([^<]+)<\/d:sync-token>/.exec(r.text)![1]!
}
stats('sync-collection after 10 changes', sTimes)
agent.destroy()
await srv.close()
fx.close()
fs.rmSync(fx.dataDir, { recursive: true, force: true })
