import { runPool, type DavClient } from '../dav/client.ts'
import { summarize, type OpResult } from '../dav/stats.ts'
import { calendarEvents, months, type CalEvent } from './data.ts'

/** Sizes of one run. */
export interface CalParams {
  puts: number
  putConcurrency: number
  events: number
  queryRuns: number
  syncRuns: number
  multigets: number
  multigetSize: number
  poll: number
  pollConcurrency: number
}

// Radicale spends ~0.2 s of CPU per Depth 0 PROPFIND on 1,000 events (its getctag reads every item) and
// ten times that on 10,000, single-threaded: the poll runs on the 1,000-event calendar, 30 per lane.
export const FULL: CalParams = { puts: 1000, putConcurrency: 8, events: 10_000, queryRuns: 48, syncRuns: 20, multigets: 50, multigetSize: 200, poll: 480, pollConcurrency: 16 }
export const QUICK: CalParams = { puts: 100, putConcurrency: 8, events: 1000, queryRuns: 12, syncRuns: 8, multigets: 8, multigetSize: 50, poll: 160, pollConcurrency: 16 }

const XML = { 'Content-Type': 'application/xml; charset=utf-8' }
const ICS = { 'Content-Type': 'text/calendar; charset=utf-8' }
const responses = (text: string): number => text.match(/<(?:[\w-]+:)?response[\s>]/g)?.length ?? 0
const syncToken = (text: string): string => {
  const m = /<(?:[\w-]+:)?sync-token[^>]*>([^<]+)</.exec(text)
  if (!m) throw new Error(`no sync-token in ${text.slice(0, 300)}`)
  return m[1]!
}

/** Creates a calendar collection `rel` (ends with /). */
export async function mkcalendar(c: DavClient, rel: string): Promise<void> {
  await c.request('MKCALENDAR', rel, { expect: [201] })
}

/** PUTs new events into `rel` with `If-None-Match: *`, `concurrency` in flight. */
export async function putEvents(c: DavClient, rel: string, events: readonly CalEvent[], concurrency: number, op = `${events.length} × PUT event`): Promise<OpResult> {
  let bytes = 0
  const { latencies, wallMs } = await runPool(events.length, concurrency, async (i) => {
    const e = events[i]!
    bytes += e.text.length
    return (await c.request('PUT', rel + e.href, { body: e.text, headers: { ...ICS, 'If-None-Match': '*' }, expect: [201] })).ms
  })
  return summarize(op, c.target.name, concurrency, latencies, wallMs, bytes)
}

const monthQuery = (start: string, end: string): string =>
  `<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"><c:time-range start="${start}" end="${end}"/></c:comp-filter></c:comp-filter></c:filter></c:calendar-query>`

/**
 * One-month calendar-queries (etag + calendar-data) over `runs` successive months, one at a time,
 * after one untimed query (Radicale builds its item cache on the first). Notes hold the matches per
 * month so that both targets' answers can be compared.
 */
export async function queryMonths(c: DavClient, rel: string, runs: number): Promise<OpResult> {
  const ms = months()
  const cold = await c.request('REPORT', rel, { body: monthQuery(...ms[0]!), headers: { ...XML, Depth: '1' }, text: true, expect: [207] })
  const latencies: number[] = []
  const matches: number[] = []
  let bytes = 0
  const start = performance.now()
  for (let i = 0; i < runs; i++) {
    const r = await c.request('REPORT', rel, { body: monthQuery(...ms[i % ms.length]!), headers: { ...XML, Depth: '1' }, text: true, expect: [207] })
    latencies.push(r.ms)
    bytes += r.bytes
    if (i < ms.length) matches.push(responses(r.text))
  }
  const result = summarize('calendar-query one month', c.target.name, 1, latencies, performance.now() - start, bytes)
  result.notes = { coldMs: Math.round(cold.ms), avgMatches: Math.round(matches.reduce((a, b) => a + b, 0) / matches.length), matchesPerMonth: matches.join(',') }
  return result
}

const syncBody = (token: string): string =>
  `<d:sync-collection xmlns:d="DAV:"><d:sync-token>${token}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`

/** `runs` times: 10 changed events (created on the first run, then edited), then a timed sync-collection from the last token. */
export async function syncAfterChanges(c: DavClient, rel: string, runs: number): Promise<OpResult> {
  const tokenOf = await c.request('PROPFIND', rel, { body: '<d:propfind xmlns:d="DAV:"><d:prop><d:sync-token/></d:prop></d:propfind>', headers: { ...XML, Depth: '0' }, text: true, expect: [207] })
  let token = syncToken(tokenOf.text)
  const changes = calendarEvents(10, { seed: 99, prefix: 'change' })
  const latencies: number[] = []
  let wallMs = 0
  for (let run = 0; run < runs; run++) {
    for (const e of changes) {
      await c.request('PUT', rel + e.href, { body: e.text.replace('SUMMARY:', `SUMMARY:${run} `), headers: ICS, expect: [201, 204] })
    }
    const r = await c.request('REPORT', rel, { body: syncBody(token), headers: XML, text: true, expect: [207] })
    if (responses(r.text) !== 10) throw new Error(`${c.target.name}: sync-collection after 10 changes listed ${responses(r.text)}:\n${r.text.slice(0, 500)}`)
    latencies.push(r.ms)
    wallMs += r.ms
    token = syncToken(r.text)
  }
  return summarize('sync-collection after 10 changes', c.target.name, 1, latencies, wallMs, 0)
}

/** `runs` calendar-multigets of `size` distinct events of the loaded calendar (the same picks on every target). */
export async function multiget(c: DavClient, rel: string, events: readonly CalEvent[], runs: number, size: number): Promise<OpResult> {
  const base = new URL(rel, c.base).pathname
  const latencies: number[] = []
  let bytes = 0
  const start = performance.now()
  for (let run = 0; run < runs; run++) {
    // A stride through the calendar: distinct, spread out, and the same on each target.
    const hrefs = Array.from({ length: size }, (_, i) => `<d:href>${base}${events[(run * 7919 + i * 47) % events.length]!.href}</d:href>`)
    const body = `<c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop>${hrefs.join('')}</c:calendar-multiget>`
    const r = await c.request('REPORT', rel, { body, headers: { ...XML, Depth: '1' }, text: true, expect: [207] })
    const ok = r.text.match(/BEGIN:VCALENDAR/g)?.length ?? 0
    if (ok !== size) throw new Error(`${c.target.name}: calendar-multiget of ${size} returned ${ok} objects:\n${r.text.slice(0, 500)}`)
    latencies.push(r.ms)
    bytes += r.bytes
  }
  return summarize(`calendar-multiget of ${size}`, c.target.name, 1, latencies, performance.now() - start, bytes)
}

const POLL = '<d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/"><d:prop><cs:getctag/><d:sync-token/><d:displayname/></d:prop></d:propfind>'

/** The "anything changed?" poll of sync clients: PROPFIND Depth 0 (getctag, sync-token) on the calendar. */
export async function pollDepth0(c: DavClient, rel: string, count: number, concurrency: number, op = 'PROPFIND Depth 0 poll'): Promise<OpResult> {
  let bytes = 0
  const { latencies, wallMs } = await runPool(count, concurrency, async () => {
    const r = await c.request('PROPFIND', rel, { body: POLL, headers: { ...XML, Depth: '0' }, text: true, expect: [207] })
    if (!/getctag[^>]*>[^<]+</.test(r.text)) throw new Error(`${c.target.name}: no getctag in ${r.text.slice(0, 300)}`)
    bytes += r.bytes
    return r.ms
  })
  return summarize(op, c.target.name, concurrency, latencies, wallMs, bytes)
}
