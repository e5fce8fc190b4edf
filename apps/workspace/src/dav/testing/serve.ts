// Serves the fixture on a random port for the crash test and for trying clients by hand:
//   DATA_DIR=/tmp/x npx tsx apps/workspace/src/dav/testing/serve.ts   → prints "listening {port}"
import { createFixture, listen } from './fixture.ts'
import { recoverSpaceFiles } from '../../files/deps.ts'

const fx = createFixture({ dataDir: process.argv[2] })
await recoverSpaceFiles(fx.space)
const { port } = await listen(fx.app)
process.stdout.write(`listening ${port} ${fx.dataDir}\n`)
