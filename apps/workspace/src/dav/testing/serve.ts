// Serves the fixture on a random port for the crash test, the memory check and for trying clients by hand:
//   DATA_DIR=/tmp/x npx tsx apps/workspace/src/dav/testing/serve.ts   → prints "listening {port}"
import { createFixture, listen } from './fixture.ts'
import { recoverSpaceFiles } from '../../files/deps.ts'

const fx = createFixture({ dataDir: process.argv[2] })
await recoverSpaceFiles(fx.space)
const { port } = await listen(fx.app)
process.stdout.write(`listening ${port} ${fx.dataDir}\n`)
// With an IPC channel (big-transfer.ts), answer "rss" with this process's resident set size.
process.on('message', (m) => {
  if (m === 'rss') process.send?.({ rss: process.memoryUsage().rss })
})
process.channel?.unref()
// A clean exit on SIGTERM lets `node --cpu-prof` write its profile.
process.on('SIGTERM', () => process.exit(0))
