import crypto from 'node:crypto'
import { DavClient, runPool, streamedBody } from './client.ts'
import { sampleRss } from './rss.ts'
import { summarize, type OpResult } from './stats.ts'

export interface BenchParams {
  /** Files in the folder listed by PROPFIND Depth 1. */
  files: number
  /** PUTs and GETs of `fileKb` each. */
  count: number
  fileKb: number
  /** Size of the large transfer. */
  bigMb: number
  concurrency: number
  depth1Runs: number
  pollRequests: number
  pollConcurrency: number
}

export const FULL: BenchParams = { files: 10_000, count: 500, fileKb: 100, bigMb: 1024, concurrency: 8, depth1Runs: 20, pollRequests: 5000, pollConcurrency: 32 }
export const QUICK: BenchParams = { files: 1000, count: 50, fileKb: 100, bigMb: 64, concurrency: 8, depth1Runs: 5, pollRequests: 500, pollConcurrency: 32 }

const PROPFIND_BODY = `<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getetag/><d:getlastmodified/><d:getcontentlength/><d:getcontenttype/></d:prop></d:propfind>`
const XML = { 'Content-Type': 'application/xml; charset=utf-8' }

/** The folder one run writes into, so runs against a shared server never collide. */
export function runFolder(): string {
  return `bench-${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(3).toString('hex')}/`
}

/** Creates the run's folders and the many-files folder; returns the populate timing. */
export async function prepare(c: DavClient, run: string, p: BenchParams): Promise<OpResult> {
  for (const dir of [run, `${run}many/`, `${run}put/`]) await c.request('MKCOL', dir, { expect: [201] })
  const small = Buffer.alloc(128, 'x')
  const { latencies, wallMs } = await runPool(p.files, 16, async (i) => {
    const r = await c.request('PUT', `${run}many/file-${String(i).padStart(5, '0')}.txt`, { body: small, headers: { 'Content-Type': 'text/plain' }, expect: [201, 204] })
    return r.ms
  })
  return summarize(`populate ${p.files} × PUT 128 B`, c.target.name, 16, latencies, wallMs, p.files * small.length)
}

/** PROPFIND Depth 1 of the big folder, one at a time; checks every file is listed. */
export async function propfindDepth1(c: DavClient, run: string, p: BenchParams): Promise<OpResult> {
  const { latencies, wallMs } = await runPool(p.depth1Runs, 1, async () => {
    const r = await c.request('PROPFIND', `${run}many/`, { headers: { Depth: '1', ...XML }, body: PROPFIND_BODY, text: true, expect: [207] })
    const responses = r.text.match(/<([A-Za-z][\w-]*:)?response[\s>]/g)?.length ?? 0
    if (responses !== p.files + 1) throw new Error(`${c.target.name}: PROPFIND Depth 1 listed ${responses - 1} of ${p.files} files`)
    return r.ms
  })
  return summarize(`PROPFIND Depth 1 (${p.files} files)`, c.target.name, 1, latencies, wallMs, 0)
}

/** PUT of `count` distinct files of fileKb each, `concurrency` at a time. */
export async function putFiles(c: DavClient, run: string, p: BenchParams): Promise<OpResult> {
  const body = crypto.randomBytes(p.fileKb * 1024)
  const { latencies, wallMs } = await runPool(p.count, p.concurrency, async (i) => {
    const r = await c.request('PUT', `${run}put/f-${i}.bin`, { body, headers: { 'Content-Type': 'application/octet-stream' }, expect: [201, 204] })
    return r.ms
  })
  return summarize(`${p.count} × PUT ${p.fileKb} KB`, c.target.name, p.concurrency, latencies, wallMs, p.count * body.length)
}

/** GET of the files putFiles wrote; checks their length. */
export async function getFiles(c: DavClient, run: string, p: BenchParams): Promise<OpResult> {
  const { latencies, wallMs } = await runPool(p.count, p.concurrency, async (i) => {
    const r = await c.request('GET', `${run}put/f-${i}.bin`, { expect: [200] })
    if (r.bytes !== p.fileKb * 1024) throw new Error(`${c.target.name}: GET f-${i}.bin returned ${r.bytes} bytes`)
    return r.ms
  })
  return summarize(`${p.count} × GET ${p.fileKb} KB`, c.target.name, p.concurrency, latencies, wallMs, p.count * p.fileKb * 1024)
}

/** The "anything changed?" poll: PROPFIND Depth 0 (etag) of the big folder under concurrency. */
export async function pollDepth0(c: DavClient, run: string, p: BenchParams): Promise<OpResult> {
  const body = `<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:getlastmodified/></d:prop></d:propfind>`
  const { latencies, wallMs } = await runPool(p.pollRequests, p.pollConcurrency, async () => {
    const r = await c.request('PROPFIND', `${run}many/`, { headers: { Depth: '0', ...XML }, body, expect: [207] })
    return r.ms
  })
  return summarize(`PROPFIND Depth 0 poll`, c.target.name, p.pollConcurrency, latencies, wallMs, 0)
}

/** One streamed PUT of bigMb, then its GET; checks the SHA-256 and samples the server's RSS. */
export async function bigTransfer(c: DavClient, run: string, p: BenchParams): Promise<OpResult[]> {
  const size = p.bigMb * 1024 * 1024
  const { stream, sha256 } = streamedBody(size, crypto.randomBytes(1024 * 1024))
  const label = p.bigMb >= 1024 ? `${p.bigMb / 1024} GB` : `${p.bigMb} MB`
  const out: OpResult[] = []

  let rss = c.target.pid ? sampleRss(c.target.pid) : null
  const put = await c.request('PUT', `${run}big.bin`, { body: stream, headers: { 'Content-Length': size, 'Content-Type': 'application/octet-stream' }, expect: [201, 204] })
  const putRss = rss?.stop()
  out.push({ ...summarize(`PUT ${label}`, c.target.name, 1, [put.ms], put.ms, size), notes: putRss ? { rssGrowthMB: mb(putRss.growthBytes), rssPeakMB: mb(putRss.peakBytes) } : {} })

  rss = c.target.pid ? sampleRss(c.target.pid) : null
  const get = await c.request('GET', `${run}big.bin`, { hash: true, expect: [200] })
  const getRss = rss?.stop()
  if (get.bytes !== size || get.sha256 !== (await sha256)) throw new Error(`${c.target.name}: GET big.bin returned ${get.bytes} bytes with another checksum`)
  out.push({ ...summarize(`GET ${label}`, c.target.name, 1, [get.ms], get.ms, size), notes: getRss ? { rssGrowthMB: mb(getRss.growthBytes), rssPeakMB: mb(getRss.peakBytes) } : {} })
  return out
}

const mb = (bytes: number): number => Math.round((bytes / 1024 ** 2) * 10) / 10
