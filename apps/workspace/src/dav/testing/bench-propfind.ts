// Measures PROPFIND Depth 1 on a folder of N files:  npx tsx apps/workspace/src/dav/testing/bench-propfind.ts [N] [runs]
import fs from 'node:fs'
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
const times: number[] = []
for (let i = 0; i < runs + 3; i++) {
  const t = performance.now()
  const res = await fetch(`http://127.0.0.1:${srv.port}/s/demo/remote.php/dav/files/alice/big/`, {
    method: 'PROPFIND', headers: { Depth: '1', Authorization: 'Basic ' + Buffer.from('alice:secret').toString('base64') }, body,
  })
  const text = await res.text()
  if (res.status !== 207 || text.split('<d:response>').length - 1 !== n + 1) throw new Error(`bad answer ${res.status}`)
  if (i >= 3) times.push(performance.now() - t)
}
times.sort((a, b) => a - b)
const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!.toFixed(1)
console.log(`PROPFIND Depth 1, ${n} files, ${runs} runs: p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${pct(100)} ms`)
await srv.close()
fx.close()
fs.rmSync(fx.dataDir, { recursive: true, force: true })
