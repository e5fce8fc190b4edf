/**
 * Heap allocated and CPU spent per calendar-multiget of 200, in one process over loopback HTTP,
 * with the bench's events and bodies (what decides how often a scavenge lands in a multiget).
 *   node --expose-gc --min-semi-space-size=128 --max-semi-space-size=128 --import tsx bench/caldav/multiget-alloc.ts [events]
 * The young generation is made large enough that no scavenge runs while measuring, so the growth of
 * the used heap is what the requests allocated. The client keeps the answer as Buffers (outside the
 * heap); a PROPFIND Depth 0 poll is measured too, as the floor of one request on both sides.
 */
import http from 'node:http'
import { createCalendarFixture, listen } from '../../apps/workspace/src/calendars/testing/fixture.ts'
import { calendarDepsFor } from '../../apps/workspace/src/calendars/deps.ts'
import { createCalendar } from '../../apps/workspace/src/calendars/calendars.ts'
import { putObject } from '../../apps/workspace/src/calendars/objects.ts'
import { calendarEvents } from './data.ts'

const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with node --expose-gc (see the header)')

const fx = createCalendarFixture()
const deps = calendarDepsFor(fx.space, () => new Date())
const cal = createCalendar(deps, { username: 'alice', role: 'admin', groups: [] }, 'bench', { displayName: 'Bench' })
const view = { calendar: cal, segment: 'bench', access: 'read-write' as const, manage: true }
const events = calendarEvents(Number(process.argv[2] ?? 10_000))
deps.repo.transaction(() => {
  for (const e of events) putObject(deps, view, e.href, e.text)
})
const agent = new http.Agent({ keepAlive: true })
const srv = await listen(fx.app)
const base = '/s/demo/remote.php/dav/calendars/alice/bench/'
const auth = 'Basic ' + Buffer.from('alice:secret').toString('base64')

function request(method: string, body: string, depth: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { Authorization: auth, 'Content-Type': 'application/xml; charset=utf-8', Depth: depth }
    const req = http.request({ host: '127.0.0.1', port: srv.port, method, path: base, agent, headers }, (res) => {
      let bytes = 0
      res.on('data', (c: Buffer) => (bytes += c.length))
      res.on('end', () => (res.statusCode === 207 ? resolve(bytes) : reject(new Error(`status ${res.statusCode}`))))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const multigetBody = (run: number): string =>
  `<c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop>${Array.from(
    { length: 200 },
    (_, i) => `<d:href>${base}${events[(run * 7919 + i * 47) % events.length]!.href}</d:href>`,
  ).join('')}</c:calendar-multiget>`
const POLL = '<d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/"><d:prop><cs:getctag/><d:sync-token/><d:displayname/></d:prop></d:propfind>'

async function measure(label: string, runs: number, send: (i: number) => Promise<number>): Promise<void> {
  for (let i = 0; i < 20; i++) await send(i)
  const allocs: number[] = []
  const cpus: number[] = []
  let bytes = 0
  for (let round = 0; round < 5; round++) {
    gc!()
    const h0 = process.memoryUsage().heapUsed
    const c0 = process.cpuUsage()
    for (let i = 0; i < runs; i++) bytes = await send(round * runs + i)
    const c = process.cpuUsage(c0)
    allocs.push((process.memoryUsage().heapUsed - h0) / runs)
    cpus.push((c.user + c.system) / 1000 / runs)
  }
  allocs.sort((a, b) => a - b)
  cpus.sort((a, b) => a - b)
  console.log(`${label}: ${(allocs[2]! / 1024).toFixed(0)} KB allocated (median of 5 rounds of ${runs}), CPU ${cpus[2]!.toFixed(2)} ms (client + server), answer ${(bytes / 1024).toFixed(0)} KB`)
}

const bodies = Array.from({ length: 120 }, (_, run) => multigetBody(run))
await measure('PROPFIND Depth 0 poll', 40, () => request('PROPFIND', POLL, '0'))
await measure('calendar-multiget of 200', 20, (i) => request('REPORT', bodies[i % bodies.length]!, '1'))
agent.destroy()
await srv.close()
fx.close()
