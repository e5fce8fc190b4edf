// Measures PROPFIND Depth 1 on a folder of N files:  npx tsx apps/workspace/src/dav/testing/bench-propfind.ts [N] [runs]
import fs from 'node:fs'
import http from 'node:http'
import { createFixture, listen } from './fixture.ts'
import { filesDepsFor } from '../../files/deps.ts'
import { LocalContentStore } from '../../files/content-store.ts'
import { bulkCreateFiles } from '../../files/bench-fixtures.ts'

const n = Number(process.argv[2] ?? 10_000)
const runs = Number(process.argv[3] ?? 30)
const fx = createFixture()
await bulkCreateFiles({ ...filesDepsFor(fx.space), store: new LocalContentStore(fx.space.dir) }, { username: 'alice', role: 'admin', quotaBytes: null }, ['big'], n)
const srv = await listen(fx.app)
const body = '<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns"><d:prop><d:getlastmodified/><d:getetag/><d:getcontenttype/><d:resourcetype/><oc:fileid/><oc:permissions/><oc:size/><d:getcontentlength/><nc:has-preview/></d:prop></d:propfind>'
/** A bare node:http client, so that the client's share of the CPU figure stays small. */
function propfind(port: number, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'PROPFIND', path: '/s/demo/remote.php/dav/files/alice/big/', agent, headers: { Depth: '1', Authorization: 'Basic ' + Buffer.from('alice:secret').toString('base64') } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString('latin1') }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}
const agent = new http.Agent({ keepAlive: true })

const times: number[] = []
const cpu: number[] = []
for (let i = 0; i < runs + 3; i++) {
  const t = performance.now()
  const c = process.cpuUsage()
  const { status, text } = await propfind(srv.port, body)
  const count = text.split('<d:response>').length - 1
  if (status !== 207 || count !== n + 1) throw new Error(`bad answer ${status}`)
  if (i >= 3) {
    times.push(performance.now() - t)
    const u = process.cpuUsage(c)
    cpu.push((u.user + u.system) / 1000)
  }
}
times.sort((a, b) => a - b)
const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!.toFixed(1)
cpu.sort((a, b) => a - b)
// CPU time of this process (server and client together) resists the load of other work on the machine.
console.log(`PROPFIND Depth 1, ${n} files, ${runs} runs: p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${pct(100)} ms; CPU per request p50 ${cpu[Math.floor(cpu.length / 2)]!.toFixed(1)} ms`)
agent.destroy()
await srv.close()
fx.close()
fs.rmSync(fx.dataDir, { recursive: true, force: true })
