import { createFixture, listen } from '/work/main/apps/workspace/src/dav/testing/fixture.ts'
import { renderDavError } from '/work/main/apps/workspace/src/dav/errors.ts'
const fx = createFixture()
const srv = await listen(fx.app)
const a = 'Basic ' + Buffer.from('alice:secret').toString('base64')
await fetch(`http://127.0.0.1:${srv.port}/s/demo/remote.php/dav/files/alice/a.txt`, { method: 'PUT', headers: { Authorization: a }, body: 'x' })
const r = await fetch(`http://127.0.0.1:${srv.port}/s/demo/remote.php/dav/files/alice/`, { method: 'PROPFIND', headers: { Authorization: a, Depth: '1' } })
console.log(r.status, await r.text())
await srv.close(); fx.close()
