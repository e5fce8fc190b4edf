/**
 * The floor of a Node DAV poll: a bare `node:http` server that reads the body and answers the Depth 0 poll with the
 * same 207 bytes as Maison (PUT → 201, GET → 100 KB), polled by the DAV bench's own client. Shows what Node's HTTP
 * layer costs alone, and its own first-requests effect.
 *   npx tsx bench/dav/floor.ts [--warm]   (--warm: first the bench's PUT/GET phases, as before its poll)
 */
import { spawn } from 'node:child_process'
import http from 'node:http'
import { fileURLToPath } from 'node:url'
import { DavClient, runPool } from './client.ts'
import { cpuSplitOfTree } from './rss.ts'
import { percentile } from './stats.ts'
import { FULL, getFiles, putFiles } from './scenarios.ts'

const POLL_ANSWER = Buffer.from('<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:response>' +
  '<d:href>/s/bench/remote.php/dav/files/bench/bench-x/many/</d:href><d:propstat><d:prop><d:getetag>"abcdef0123456789"</d:getetag>' +
  '<d:getlastmodified>Sat, 28 Nov 2026 00:52:05 GMT</d:getlastmodified></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>')
const FILE = Buffer.alloc(100 * 1024, 'x')

function serve(): void {
  const server = http.createServer((req, res) => {
    req.on('data', () => {})
    req.on('end', () => {
      if (req.method === 'PUT') return void res.writeHead(201, { 'Content-Length': 0 }).end()
      if (req.method === 'GET') return void res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': FILE.length }).end(FILE)
      res.writeHead(207, { 'Content-Type': 'application/xml; charset=utf-8', 'Content-Length': POLL_ANSWER.length }).end(POLL_ANSWER)
    })
  })
  server.listen(0, '127.0.0.1', () => console.log(`READY ${(server.address() as { port: number }).port}`))
}

async function measure(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'serve'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<number>((resolve) => child.stdout!.on('data', (b: Buffer) => {
    const m = /READY (\d+)/.exec(b.toString())
    if (m) resolve(Number(m[1]))
  }))
  const c = new DavClient({ name: 'floor', url: `http://127.0.0.1:${port}/x/`, user: 'u', password: 'p' }, 32)
  try {
    if (process.argv.includes('--warm')) {
      const small = Buffer.alloc(128, 'x')
      await runPool(10_000, 16, async (i) => (await c.request('PUT', `many/f${i}`, { body: small, expect: [201] })).ms)
      await putFiles(c, '', FULL)
      await getFiles(c, '', FULL)
      console.log('served 10,000 × PUT 128 B and 500 × PUT and GET of 100 KB first')
    }
    const body = '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:getlastmodified/></d:prop></d:propfind>'
    for (let round = 0; round < 3; round++) {
      const before = cpuSplitOfTree(child.pid!)
      const { latencies, wallMs } = await runPool(5000, 32, async () => (await c.request('PROPFIND', 'many/', { headers: { Depth: '0', 'Content-Type': 'application/xml' }, body, expect: [207] })).ms)
      const after = cpuSplitOfTree(child.pid!)
      console.log(`5,000 polls, round ${round}: wall ${wallMs.toFixed(0)} ms, p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, ` +
        `server CPU µs per poll user ${((after.user - before.user) / 5).toFixed(0)} system ${((after.sys - before.sys) / 5).toFixed(0)}`)
    }
  } finally {
    c.close()
    child.kill()
  }
}

if (process.argv[2] === 'serve') serve()
else await measure()
