/**
 * Events benchmark (issue 5): a space with 1,000 upcoming events on Maison's real host (bench/dav/ours.ts).
 *  - the public event page and the tag feed under load, against a static file of the same size served by
 *    the same server (the physical limit): page ≥ 30% of static throughput with p99 ≤ 50 ms;
 *  - the 1,000-event `.ics` feed against ical-generator serialising the same events in a bare node:http
 *    handler (bare-feed.ts): ≤ 1.5× its p95 and ≤ 50 ms p95;
 *  - public sign-ups (distinct people, X-Forwarded-For behind TRUST_PROXY): ≥ 500 per second, each durable
 *    (counted back through the organiser API afterwards).
 * Usage: npx tsx bench/events/bench.ts [--quick]
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startOurs } from '../dav/ours.ts'
import { load, loadTable, type LoadResult } from './load.ts'

const quick = process.argv.includes('--quick')
const EVENTS = quick ? 200 : 1000
const REQUESTS = quick ? 500 : 4000
const SIGNUPS = quick ? 500 : 3000
const CONCURRENCY = 16
const root = fileURLToPath(new URL('../../', import.meta.url))
const work = path.join(root, 'bench/.work/events')
const staticDir = path.join(root, 'dist/ui')

async function api(base: string, auth: string, method: string, p: string, body?: unknown): Promise<any> {
  const res = await fetch(`${base}/apps/events/api${p}`, {
    method, headers: { authorization: auth, 'content-type': 'application/json', accept: 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`)
  return res.status === 204 ? null : res.json()
}

async function createEvents(base: string, auth: string): Promise<void> {
  let next = 0
  const day = (i: number) => new Date(Date.now() + (1 + (i % 300)) * 86_400_000).toISOString().slice(0, 10)
  await Promise.all(Array.from({ length: 4 }, async () => {
    for (let i = next++; i < EVENTS; i = next++) {
      await api(base, auth, 'POST', '/events', {
        title: `Rencontre n° ${i} — atelier vélo & réparation`, start: `${day(i)}T19:00`, end: `${day(i)}T21:00`, timezone: 'Europe/Paris',
        description: '<p>Venez avec votre vélo : on apprend à <strong>réparer</strong> ensemble, outils fournis.</p>',
        address: `${i} rue de la République, 69001 Lyon`, tags: i % 2 ? ['accueil'] : ['atelier'], capacity: 100_000, joinMode: 'free',
      })
    }
  }))
}

async function allEvents(base: string, auth: string): Promise<any[]> {
  const out: any[] = []
  for (let page = 1; ; page++) {
    const res = await api(base, auth, 'GET', `/events?from=${new Date().toISOString()}&perPage=200&page=${page}`)
    out.push(...res.events)
    if (out.length >= res.total || res.events.length === 0) return out
  }
}

/** A file of exactly `bytes` served by our own static handler under /assets/. */
function staticOfSize(name: string, bytes: number): string {
  fs.mkdirSync(staticDir, { recursive: true })
  fs.writeFileSync(path.join(staticDir, name), Buffer.alloc(bytes, 'a'))
  return `/assets/${name}`
}

async function startBareFeed(eventsFile: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./bare-feed.ts', import.meta.url)), eventsFile], { stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString()
      const m = /READY (\d+)/.exec(out)
      if (m) resolve(Number(m[1]))
    })
    child.once('exit', (code) => reject(new Error(`bare feed exited with ${code}`)))
  })
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') }
}

const check = (ok: boolean, text: string) => `${ok ? '✓' : '✗'} ${text}`

async function main(): Promise<void> {
  fs.mkdirSync(work, { recursive: true })
  if (!fs.existsSync(staticDir)) throw new Error('dist/ui is missing: run npm run build:ui (scripts/setup.sh does) first')
  process.env.BENCH_TRUST_PROXY = 'true'
  const ours = await startOurs(work, { name: 'events' })
  const origin = new URL(ours.target.url).origin
  const base = `${origin}/s/bench`
  const auth = 'Basic ' + Buffer.from(`${ours.target.user}:${ours.target.password}`).toString('base64')
  const statics: string[] = []
  let bare: { url: string; stop: () => void } | undefined
  try {
    const t0 = performance.now()
    await createEvents(base, auth)
    const created = performance.now() - t0
    const events = await allEvents(base, auth)
    const target = events.find((e) => e.tags.includes('accueil'))!
    const pagePath = new URL(target.url).pathname
    const pageBytes = (await (await fetch(target.url)).arrayBuffer()).byteLength
    const tagBytes = (await (await fetch(`${base}/p/events.ics?tag=accueil`)).arrayBuffer()).byteLength
    const feedText = await (await fetch(`${base}/p/events.ics`)).text()
    const feedBytes = Buffer.byteLength(feedText)
    const vevents = (text: string) => text.split('BEGIN:VEVENT').length - 1
    // dist/ui is shared with builds (vite empties it): each static file is written right before its run.
    // A build running meanwhile empties it again: wait until the file is served.
    const staticFile = async (name: string, bytes: number): Promise<string> => {
      statics.push(name)
      for (let attempt = 0; ; attempt++) {
        const p = staticOfSize(name, bytes)
        const res = await fetch(`${origin}${p}`)
        await res.arrayBuffer()
        if (res.status === 200) return p
        if (attempt === 30) throw new Error(`static file ${p} is not served (${res.status})`)
        await new Promise((r) => setTimeout(r, 2000))
      }
    }

    const results: LoadResult[] = []
    const get = (p: string) => () => ({ path: p })
    results.push(await load('static, size of the event page', origin, REQUESTS, CONCURRENCY, get(await staticFile('bench-page.html', pageBytes))))
    results.push(await load('event page', origin, REQUESTS, CONCURRENCY, get(pagePath)))
    results.push(await load('static, size of the tag feed', origin, Math.floor(REQUESTS / 4), CONCURRENCY, get(await staticFile('bench-tag.ics', tagBytes))))
    results.push(await load('tag feed (.ics?tag=accueil)', origin, Math.floor(REQUESTS / 4), CONCURRENCY, get(`/s/bench/p/events.ics?tag=accueil`)))

    const eventsFile = path.join(work, 'events.json')
    fs.writeFileSync(eventsFile, JSON.stringify(events))
    bare = await startBareFeed(eventsFile)
    const bareText = await (await fetch(bare.url)).text()
    const bareBytes = Buffer.byteLength(bareText)
    // Like for like: both feeds must hold every event.
    if (vevents(feedText) !== events.length || vevents(bareText) !== events.length) {
      throw new Error(`feeds differ: ours ${vevents(feedText)} events, bare ${vevents(bareText)}, expected ${events.length}`)
    }
    results.push(await load(`bare ical-generator, ${events.length} events`, bare.url, Math.floor(REQUESTS / 8), 4, get('/')))
    results.push(await load(`our feed, ${events.length} events (.ics)`, origin, Math.floor(REQUESTS / 8), 4, get('/s/bench/p/events.ics')))

    let person = 0
    const signUp = await load('sign-up (distinct people)', origin, SIGNUPS, CONCURRENCY, () => {
      const i = person++
      const e = events[i % events.length]
      return {
        method: 'POST', path: `/s/bench/p/events/${e.id}/signup`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
        body: new URLSearchParams({ name: `Personne ${i}`, email: `p${i}@example.org`, lang: 'fr', website: '' }).toString(),
      }
    }, [202])
    results.push(signUp)
    let stored = 0
    for (const e of events.slice(0, Math.min(events.length, SIGNUPS))) {
      const r = await api(base, auth, 'GET', `/events/${e.id}/registrations`)
      stored += Object.values(r as Record<string, unknown[]>).reduce((n, list) => n + list.length, 0)
    }

    const by = (name: string) => results.find((r) => r.name.startsWith(name))!
    const page = by('event page'), pageS = by('static, size of the event page')
    const tag = by('tag feed'), tagS = by('static, size of the tag feed')
    const feed = by('our feed'), gen = by('bare ical-generator')
    console.log(`\nEvents bench — ${events.length} upcoming events created in ${(created / 1000).toFixed(1)} s; ${ours.target.setup}`)
    console.log(`event page ${(pageBytes / 1024).toFixed(1)} KB, tag feed ${(tagBytes / 1024).toFixed(1)} KB, whole feed ${(feedBytes / 1024).toFixed(0)} KB (bare generator ${(bareBytes / 1024).toFixed(0)} KB)\n`)
    console.log(loadTable(results))
    console.log('\nratios and targets')
    console.log(check(page.perSecond / pageS.perSecond >= 0.3, `event page throughput ${(page.perSecond / pageS.perSecond * 100).toFixed(0)}% of static (≥ 30%)`))
    console.log(check(page.p99 <= 50, `event page p99 ${page.p99.toFixed(1)} ms (≤ 50 ms)`))
    console.log(`  tag feed throughput ${(tag.perSecond / tagS.perSecond * 100).toFixed(0)}% of static, p99 ${tag.p99.toFixed(1)} ms`)
    console.log(check(feed.p95 / gen.p95 <= 1.5, `${events.length}-event feed p95 ${feed.p95.toFixed(1)} ms vs bare ical-generator ${gen.p95.toFixed(1)} ms: ratio ${(feed.p95 / gen.p95).toFixed(2)} (≤ 1.5)`))
    console.log(check(feed.p95 <= 50, `${events.length}-event feed p95 ${feed.p95.toFixed(1)} ms (≤ 50 ms)`))
    console.log(check(signUp.perSecond >= 500, `sign-ups ${signUp.perSecond.toFixed(0)} per second (≥ 500)`))
    console.log(check(stored === SIGNUPS, `sign-ups stored: ${stored} of ${SIGNUPS} answered 202 (durable: committed before the answer)`))
  } finally {
    bare?.stop()
    for (const s of statics) fs.rmSync(path.join(staticDir, s), { force: true })
    await ours.stop()
  }
}

await main()
